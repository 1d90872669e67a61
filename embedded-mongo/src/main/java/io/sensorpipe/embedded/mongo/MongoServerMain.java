package io.sensorpipe.embedded.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
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
 * Runs mongo-java-server (MongoDB wire protocol, in-memory backend) in this JVM. Prints
 * {@code READY mongo 127.0.0.1:PORT} once it accepts clients; exits on SIGTERM or when stdin reaches EOF.
 */
@Command(name = "mongo-server", mixinStandardHelpOptions = true,
        description = "MongoDB wire-protocol server (mongo-java-server) for the embedded stack.")
public final class MongoServerMain implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "27017", description = "Listen port (0 = a free port; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", description = "Working directory of the server (the in-memory backend keeps no files).")
    Path dataDir;

    @Option(names = "--no-stdin-watch", description = "Do not exit when stdin reaches EOF (for manual runs).")
    boolean noStdinWatch;

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Cli.main(new MongoServerMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        Settings.require(port >= 0 && port <= 65535, "--port", "must be 0..65535, got " + port);
        if (!noStdinWatch) {
            ParentWatch.exitOnStdinEof();
        }
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        MongoServer server = new MongoServer(new MemoryBackend());
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
        System.out.println("READY mongo 127.0.0.1:" + server.getLocalAddress().getPort());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
