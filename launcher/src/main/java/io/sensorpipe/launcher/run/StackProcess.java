package io.sensorpipe.launcher.run;

import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.common.process.StackEnv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The embedded stack ({@code bin/pipeline stack}) as a child in its own session: a Ctrl-C in the terminal does not
 * reach Kafka and the database, so the launcher can drain the pipeline before it stops them, and with
 * {@code --keep-stack} they outlive the launcher. Its addresses come from the {@code stack.env} it writes.
 */
final class StackProcess {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final ChildProcess child;
    private final Map<String, String> addresses;
    private final Path envFile;

    private StackProcess(ChildProcess child, Map<String, String> addresses, Path envFile) {
        this.child = child;
        this.addresses = addresses;
        this.envFile = envFile;
    }

    /** Starts the stack with its data in the run's data directory and waits for its addresses. */
    static StackProcess start(RunSettings settings, PrintStream out) {
        Path envFile = StackEnv.in(settings.dataDir());
        try {
            Files.deleteIfExists(envFile);   // left by a stack that is gone (the caller checked nothing answers)
            freshKafkaData(settings.dataDir(), out);
            out.println("starting the embedded stack (Kafka KRaft + MongoDB wire server), data in " + settings.dataDir()
                    + " ...");
            long t0 = System.nanoTime();
            int metricsPort;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                metricsPort = s.getLocalPort();
            }
            ChildProcess c = Children.start(settings, "stack",
                    List.of("stack", "--data-dir", settings.dataDir().toString(), "--kafka-port", "0", "--mongo-port", "0",
                            "--metrics-port", Integer.toString(metricsPort)),
                    Map.of("SENSORPIPE_DATA", settings.dataDir().toString(), "SENSORPIPE_SKIP_BUILD", "1",
                            "KAFKA_BOOTSTRAP_SERVERS", "", "MONGODB_URI", ""));
            Map<String, String> addresses = awaitAddresses(c, envFile);
            out.println("embedded stack up in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms (pid "
                    + c.pid() + ", log " + c.log() + ", metrics http://localhost:" + metricsPort + "/metrics)");
            return new StackProcess(c, addresses, envFile);
        } catch (IOException e) {
            throw new ServiceException("cannot start the embedded stack: " + e.getMessage(), e);
        }
    }

    /**
     * Removes the Kafka data of an earlier embedded run: the embedded database keeps its documents in memory only,
     * so old topics and committed offsets would not match an empty database (the sinks would skip old readings).
     */
    private static void freshKafkaData(Path dataDir, PrintStream out) throws IOException {
        Path kafka = dataDir.resolve("kafka");
        if (!Files.isDirectory(kafka)) {
            return;
        }
        try (var paths = Files.walk(kafka)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        out.println("removed the Kafka data of an earlier run in " + kafka + " (the embedded database starts empty too)");
    }

    private static Map<String, String> awaitAddresses(ChildProcess c, Path envFile) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, String> values = StackEnv.read(envFile);
            if (values.containsKey(StackEnv.KAFKA) && values.containsKey(StackEnv.MONGO)) {
                return values;
            }
            if (!c.isAlive()) {
                throw new ServiceException("the embedded stack exited with code " + c.exitCode()
                        + " before it was ready; its log: " + c.log());
            }
            sleep();
        }
        stopQuietly(c);
        throw new ServiceException("the embedded stack did not write " + envFile + " within "
                + START_TIMEOUT.toSeconds() + " s; its log: " + c.log());
    }

    /** Kafka bootstrap servers of the stack. */
    String kafka() {
        return addresses.get(StackEnv.KAFKA);
    }

    /** MongoDB URI of the stack. */
    String mongo() {
        return addresses.get(StackEnv.MONGO);
    }

    /** The file with the stack's addresses that the other commands read. */
    Path envFile() {
        return envFile;
    }

    /** The stack's process id. */
    long pid() {
        return child.pid();
    }

    /** Its log file. */
    Path log() {
        return child.log();
    }

    /** Stops Kafka and the database (SIGTERM to the stack, which stops both cleanly). */
    void stop() {
        stopQuietly(child);
    }

    private static void stopQuietly(ChildProcess c) {
        c.stop(STOP_GRACE);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while the embedded stack started", e);
        }
    }
}
