package io.sensorpipe.stack;

import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.common.process.ProjectHome;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded stack: a real Kafka broker (KRaft) and mongo-java-server, each in its own child JVM, with the
 * pipeline's topics created and {@code mongo-init/} applied. {@link #close()} stops both; a JVM shutdown hook does
 * the same if the owner forgets, and the children exit by themselves when this JVM dies (their stdin closes).
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final String KAFKA_MAIN = "io.sensorpipe.embedded.kafka.KafkaBrokerMain";
    private static final String MONGO_MAIN = "io.sensorpipe.embedded.mongo.MongoServerMain";

    private final StackConfig config;
    private final Path home;
    private final Thread shutdownHook = new Thread(this::stopChildren, "embedded-stack-stop");
    private final int kafkaPort;
    private final int controllerPort;
    private final int mongoPort;
    private final SecureKafka secureKafka;
    private volatile ChildProcess kafka;
    private volatile ChildProcess mongo;
    private long startupMillis;
    private boolean closed;

    private EmbeddedStack(StackConfig config, Path home) {
        this.config = config;
        this.home = home;
        this.kafkaPort = freePort(config.kafkaPort(), "Kafka");
        this.controllerPort = freePort(0, "Kafka controller");
        this.mongoPort = freePort(config.mongoPort(), "MongoDB");
        this.secureKafka = config.secure() ? SecureKafka.load(secureDir(config)) : null;
    }

    private static Path secureDir(StackConfig config) {
        Path kafkaData = config.dataDir().resolve("kafka");
        Path marker = kafkaData.resolve("kafka-logs").resolve("meta.properties");
        Path creds = config.dataDir().resolve("secure").resolve(SecureKafka.CREDENTIALS);
        if (java.nio.file.Files.exists(marker) && !java.nio.file.Files.exists(creds)) {
            throw new io.sensorpipe.common.config.SettingException("--secure", "the Kafka data in " + kafkaData
                    + " was created without --secure; use another --data-dir or remove that directory");
        }
        return config.dataDir().resolve("secure");
    }

    /** Starts Kafka and MongoDB, creates the topics and applies mongo-init; throws a {@link ServiceException} on failure. */
    public static EmbeddedStack start(StackConfig config) {
        EmbeddedStack stack = new EmbeddedStack(config, ProjectHome.find());
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        long t0 = System.nanoTime();
        try {
            stack.startBoth();
            Topics.create(stack.adminClientProperties(), config.partitions(),
                    stack.home.resolve("kafka-init").resolve(Topics.FILE));
            if (config.secure()) {
                SecureKafka.applyAcls(stack.adminClientProperties());
            }
            if (config.applyMongoInit()) {
                MongoInit.apply(stack.mongoUri(), stack.home.resolve("mongo-init"));
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        stack.startupMillis = (System.nanoTime() - t0) / 1_000_000;
        return stack;
    }

    /** Kafka bootstrap servers, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /**
     * Client properties of a principal ({@link KafkaAccessPlan}): bootstrap servers plus, on a secure stack, its SASL
     * settings; on a plain stack every principal gets the plain connection.
     */
    public java.util.Properties clientProperties(String principal) {
        java.util.Properties p = secureKafka == null ? new java.util.Properties() : secureKafka.clientProperties(principal);
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    /** The super user's client properties (topics, ACLs, tests reading topics). */
    public java.util.Map<String, Object> adminClientProperties() {
        java.util.Map<String, Object> m = new java.util.HashMap<>();
        clientProperties(KafkaAccessPlan.ADMIN).forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    /** On a secure stack, the client properties file (mode 600, without bootstrap servers) of a principal; else null. */
    public Path clientConfigFile(String principal) {
        return secureKafka == null ? null : secureKafka.clientConfigFile(principal);
    }

    /** Whether Kafka runs secured. */
    public boolean secure() {
        return secureKafka != null;
    }

    /** The Kafka client port (fixed for the stack's life, also across {@link #stopKafka()}/{@link #startKafka()}). */
    public int kafkaPort() {
        return kafkaPort;
    }

    /** The MongoDB port (fixed for the stack's life), e.g. for a fault proxy in front of it. */
    public int mongoPort() {
        return mongoPort;
    }

    /** MongoDB connection string, {@code mongodb://127.0.0.1:PORT}. */
    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    /** The configuration the stack was started with. */
    public StackConfig config() {
        return config;
    }

    /** Wall-clock milliseconds from {@link #start} until both servers were ready, topics created and mongo-init applied. */
    public long startupMillis() {
        return startupMillis;
    }

    /** Process ids of the running children (Kafka, MongoDB). */
    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        for (ChildProcess c : new ChildProcess[] {kafka, mongo}) {
            if (c != null && c.isAlive()) {
                pids.add(c.pid());
            }
        }
        return pids;
    }

    /** Stops the Kafka broker in an orderly way; its port and data stay reserved for {@link #startKafka()}. */
    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.stop(STOP_GRACE);
            kafka = null;
        }
    }

    /** Starts (or restarts) the Kafka broker on the same port with the same data. */
    public synchronized void startKafka() {
        if (kafka != null && kafka.isAlive()) {
            return;
        }
        kafka = ready(launchKafka());
    }

    /** Both JVMs start at once: their start-up is mostly CPU-bound class loading and JIT, so they overlap well. */
    private synchronized void startBoth() {
        ChildProcess k = launchKafka();
        ChildProcess m;
        try {
            m = launchMongo();
        } catch (RuntimeException e) {
            k.kill();
            throw e;
        }
        try {
            kafka = ready(k);
        } catch (RuntimeException e) {
            m.kill();
            throw e;
        }
        mongo = ready(m);
    }

    /** Waits for the server's READY line (a failed start is killed and says why). */
    private ChildProcess ready(ChildProcess server) {
        server.awaitReady(server.name(), config.startTimeout());
        return server;
    }

    /**
     * A server JVM: the module's classes and runtime classpath, output appended to its log, stdin a pipe from us
     * (closing it, or our death, makes it exit).
     */
    private ChildProcess launch(String name, String module, String mainClass, List<String> jvm, List<String> args) {
        return ChildProcess.start(ChildProcess.Command.module(home, module, false, mainClass, jvm, args).named(name)
                .stdinPipe(), logFile(name));
    }

    private ChildProcess launchKafka() {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(kafkaPort), "--controller-port",
                String.valueOf(controllerPort), "--data-dir", config.dataDir().resolve("kafka").toString(),
                "--partitions", String.valueOf(config.partitions())));
        List<String> jvm = jvmOptions("kafka", "SENSORPIPE_KAFKA_OPTS", "-Xmx1g");
        if (secureKafka != null) {
            args.addAll(List.of("--credentials", secureKafka.credentialsFile().toString()));
            // every refused request is one line in kafka.log (principal, operation, resource)
            jvm.add("-Dorg.slf4j.simpleLogger.log.kafka.authorizer.logger=info");
        }
        return launch("kafka", "embedded-kafka", KAFKA_MAIN, jvm, args);
    }

    private ChildProcess launchMongo() {
        List<String> args = List.of("--port", String.valueOf(mongoPort), "--data-dir", config.dataDir().resolve("mongo").toString(),
                "--store", config.mongoStore().name().toLowerCase(java.util.Locale.ROOT));
        return launch("mongo", "embedded-mongo", MONGO_MAIN, jvmOptions("mongo", "SENSORPIPE_MONGO_OPTS", "-Xmx8g"), args);
    }

    /** Stops the MongoDB server; with {@link StackConfig.MongoStore#MEMORY} its data is lost (mongo-init is re-applied on start). */
    public synchronized void stopMongo() {
        if (mongo != null) {
            mongo.stop(STOP_GRACE);
            mongo = null;
        }
    }

    /** Starts (or restarts) the MongoDB server on the same port. */
    public synchronized void startMongo() {
        if (mongo != null && mongo.isAlive()) {
            return;
        }
        mongo = ready(launchMongo());
        if (config.applyMongoInit()) {
            MongoInit.apply(mongoUri(), home.resolve("mongo-init"));
        }
    }

    /** Stops both children (Kafka first, so no client writes into a half-stopped stack); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopChildren();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or ran
        }
    }

    private void stopChildren() {
        stopKafka();
        stopMongo();
    }

    private Path logFile(String name) {
        return config.dataDir().resolve("logs").resolve(name + ".log");
    }

    private List<String> jvmOptions(String name, String envName, String heap) {
        List<String> opts = new ArrayList<>(List.of(heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.showDateTime=true"));
        if (config.profileDir() != null) {
            opts.add("-XX:StartFlightRecording=settings=profile,filename="
                    + config.profileDir().resolve(name + ".jfr"));
        }
        String extra = System.getenv(envName);
        if (extra != null && !extra.isBlank()) {
            opts.addAll(List.of(extra.trim().split("\\s+")));
        }
        return opts;
    }

    /** The requested port if free, else a {@link ServiceException}; 0 picks a free port. */
    static int freePort(int port, String what) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ServiceException(what + " port " + port + " is already in use");
        }
    }

    @Override
    public String toString() {
        return "EmbeddedStack[kafka=" + bootstrapServers() + ", mongo=" + mongoUri() + ", data=" + config.dataDir() + "]";
    }
}
