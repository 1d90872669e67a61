package io.sensorpipe.embedded.mongo;

import io.sensorpipe.common.process.Ready;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.sensorpipe.common.ParentWatch;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs mongo-java-server (MongoDB wire protocol; in-memory or H2 file backend) in this JVM. Prints
 * {@code READY mongo 127.0.0.1:PORT} once it accepts clients; exits on SIGTERM or when stdin reaches EOF.
 */
@Command(name = "mongo-server", mixinStandardHelpOptions = true,
        description = "MongoDB wire-protocol server (mongo-java-server) for the embedded stack.")
public final class MongoServerMain implements Callable<Integer> {
    /** The H2 file of {@code --store disk}, inside the data directory. */
    static final String DB_FILE = "sensors.mv.db";

    @Option(names = "--port", defaultValue = "27017", description = "Listen port (0 = a free port; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", description = "Directory for the database file of --store disk.")
    Path dataDir;

    @Option(names = "--store", defaultValue = "memory",
            description = "memory (fast, lost on exit) or disk (H2 MVStore file <data-dir>/sensors.mv.db, kept across runs;"
                    + " default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--no-stdin-watch", description = "Do not exit when stdin reaches EOF (for manual runs).")
    boolean noStdinWatch;

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // an unsupported command (mongosh probes several) is answered with an error to the client; no stack trace here
        System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", "off");
        Cli.main(new MongoServerMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        Settings.require(port >= 0 && port <= 65535, "--port", "must be 0..65535, got " + port);
        if (!noStdinWatch) {
            ParentWatch.exitOnStdinEof();
        }
        MongoServer server = new MongoServer(backend());
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            throw new ServiceException("cannot listen on port " + port + ": " + rootMessage(e));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "mongo-stop"));
        Ready.announce("mongo", "127.0.0.1:" + server.getLocalAddress().getPort());
        stopped.await();
        return 0;
    }

    private MongoBackend backend() throws java.io.IOException {
        Settings.require(store.equals("memory") || store.equals("disk"), "--store", "must be memory or disk, got '" + store + "'");
        if (store.equals("memory")) {
            return new MemoryBackend();
        }
        Settings.require(dataDir != null, "--data-dir", "is required with --store disk");
        Files.createDirectories(dataDir);
        return new H2Backend(dataDir.resolve(DB_FILE).toString());
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
