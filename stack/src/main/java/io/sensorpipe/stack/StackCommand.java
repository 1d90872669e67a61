package io.sensorpipe.stack;

import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.config.Settings;
import io.sensorpipe.common.metrics.MetricsOptions;
import io.sensorpipe.common.metrics.MetricsServer;
import io.sensorpipe.common.metrics.Readiness;
import io.sensorpipe.common.process.ProjectHome;
import io.sensorpipe.common.process.StackEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code bin/pipeline stack}: runs the embedded stack until Ctrl-C and publishes its addresses in {@code stack.env}. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"Start the embedded Kafka broker (KRaft) and MongoDB-wire server, create the topics, apply mongo-init.",
            "Writes <data-dir>/stack.env (KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI) for the other commands; runs until Ctrl-C."})
public final class StackCommand implements Callable<Integer> {
    /** Name of the file that tells the other commands where the stack listens. */
    public static final String ENV_FILE = StackEnv.FILE_NAME;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SENSORPIPE_DATA}",
            description = "Kafka data, child logs and stack.env (env SENSORPIPE_DATA; default: <project>/data).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port, 0 = a free port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--mongo-port", defaultValue = "27017", description = "MongoDB port, 0 = a free port (default: ${DEFAULT-VALUE}).")
    int mongoPort;

    @Option(names = "--mongo-store", defaultValue = "memory",
            description = "memory (empty at every start) or disk (kept in <data-dir>/mongo across runs, like Kafka's data;"
                    + " default: ${DEFAULT-VALUE}).")
    String mongoStore;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of each topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--secure",
            description = "Kafka with SASL/SCRAM-SHA-512 and the StandardAuthorizer: one principal per component with"
                    + " only its ACLs; client files in <data-dir>/secure/<principal>.properties (mode 600).")
    boolean secure;

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    private final PrintStream out;
    private final CountDownLatch stop;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** A command that prints to stdout and runs until the JVM is asked to stop. */
    public StackCommand() {
        this(System.out, new CountDownLatch(1));
    }

    /** A command that prints to {@code out} and stops when {@code stop} is counted down (tests). */
    StackCommand(PrintStream out, CountDownLatch stop) {
        this.out = out;
        this.stop = stop;
    }

    /** Entry point of {@code bin/pipeline stack}. */
    public static void main(String[] args) {
        // the clients' INFO chatter (config dumps) is noise here; our own lines stay
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.sensorpipe", "info");
        Cli.main(new StackCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        StackConfig config = config();
        int metricsPort = metrics.port();
        out.println("starting embedded stack in " + config.dataDir() + " ...");
        EmbeddedStack stack = EmbeddedStack.start(config);
        MetricsServer server;
        try {
            server = metricsPort == 0 ? null : MetricsServer.start("stack", metricsPort, new Readiness());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        if (server != null) {
            StackMetrics.bind(server, stack);
            out.println("metrics  http://127.0.0.1:" + server.port() + "/metrics (/health, /ready)");
        }
        Path envFile = config.dataDir().resolve(ENV_FILE);
        Thread onCtrlC = new Thread(() -> {
            stop.countDown();
            stopStack(stack, envFile);
        }, "stack-command-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        writeEnvFile(envFile, stack);
        printBanner(stack, envFile);
        try {
            superviseUntilStopped(stack);
        } finally {
            stopStack(stack, envFile);
            removeHook(onCtrlC);
            if (server != null) {
                server.close();
            }
        }
        return 0;
    }

    private StackConfig config() {
        Settings.require(kafkaPort >= 0 && kafkaPort <= 65535, "--kafka-port", "must be 0..65535, got " + kafkaPort);
        Settings.require(mongoPort >= 0 && mongoPort <= 65535, "--mongo-port", "must be 0..65535, got " + mongoPort);
        Settings.positive(partitions, "--partitions");
        Settings.require("disk".equals(mongoStore) || "memory".equals(mongoStore), "--mongo-store",
                "must be disk or memory, got '" + mongoStore + "'");
        Path dir = dataDir != null ? dataDir : ProjectHome.find().resolve("data");
        return StackConfig.builder().dataDir(dir).kafkaPort(kafkaPort).mongoPort(mongoPort).partitions(partitions)
                .mongoStore(StackConfig.MongoStore.valueOf(mongoStore.toUpperCase(java.util.Locale.ROOT)))
                .secure(secure).build();
    }

    private static void writeEnvFile(Path envFile, EmbeddedStack stack) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(StackEnv.KAFKA, stack.bootstrapServers());
        values.put(StackEnv.MONGO, stack.mongoUri());
        if (stack.secure()) {
            // one client file per principal: give a component its own with KAFKA_CLIENT_CONFIG / --kafka-config
            for (String p : KafkaAccessPlan.components()) {
                values.put(clientConfigKey(p), stack.clientConfigFile(p).toString());
            }
        }
        StackEnv.write(envFile, "the running embedded stack (pid " + ProcessHandle.current().pid()
                + "); removed when it stops", values);
    }

    /** The stack.env key naming a principal's client file, e.g. KAFKA_CLIENT_CONFIG_SINK_RAW. */
    static String clientConfigKey(String principal) {
        return StackEnv.CLIENT_CONFIG_PREFIX + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private void printBanner(EmbeddedStack stack, Path envFile) {
        StackConfig c = stack.config();
        out.println("kafka    " + stack.bootstrapServers() + "   (KRaft, topics readings, alpha, readings.dlq with "
                + c.partitions() + " partitions" + (stack.secure() ? "; SASL_PLAINTEXT SCRAM-SHA-512, StandardAuthorizer)" : ")"));
        if (stack.secure()) {
            KafkaAccessPlan.describe().forEach((p, grants) -> out.println("  principal " + p + ": "
                    + String.join(", ", grants) + "; KAFKA_CLIENT_CONFIG=" + stack.clientConfigFile(p)));
            out.println("  principal admin (super user): " + stack.clientConfigFile(KafkaAccessPlan.ADMIN));
        }
        out.println("mongodb  " + stack.mongoUri() + "   (mongo-java-server, " + c.mongoStore().name().toLowerCase(java.util.Locale.ROOT)
                + " store, database sensors from mongo-init/)");
        out.println("logs     " + c.dataDir().resolve("logs"));
        out.println("env      " + envFile + "   (read by bin/pipeline)");
        out.printf("started in %.1f s; Ctrl-C to stop%n", stack.startupMillis() / 1000.0);
        out.flush();
    }

    /** Waits for Ctrl-C (the latch); a child that dies on its own ends the command with exit code 1. */
    private void superviseUntilStopped(EmbeddedStack stack) throws InterruptedException {
        while (!stop.await(1, TimeUnit.SECONDS)) {
            if (stack.childPids().size() < 2 && !stop.await(2, TimeUnit.SECONDS)) {
                throw new ServiceException("a stack process exited unexpectedly; see " + stack.config().dataDir().resolve("logs"));
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs
        }
    }

    private void stopStack(EmbeddedStack stack, Path envFile) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            Files.deleteIfExists(envFile);
        } catch (IOException e) {
            System.err.println("warning: cannot remove " + envFile + ": " + e.getMessage());
        }
        long t0 = System.nanoTime();
        stack.close();
        out.printf("stack stopped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        out.flush();
    }
}
