package io.sensorpipe.reliability.harness;

import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One embedded stack (real Kafka broker, MongoDB-wire server) for one test class, plus the components the class
 * started against it. Components get the stack's addresses through the environment, like a user's deployment,
 * and a Kafka client file with a short group session timeout, so a consumer killed with SIGKILL leaves its group
 * within seconds (the default 45 s would only make the tests slow, not different).
 */
public final class TestStack implements AutoCloseable {
    private final Path dir;
    private final EmbeddedStack stack;
    private final Path clientConfig;
    private final List<ChildProcess> components = new ArrayList<>();

    private static final String TEST_CLIENT = "# test clients: leave the group quickly after SIGKILL\n"
            + "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n";

    private TestStack(Path dir, EmbeddedStack stack, Path clientConfig) {
        this.dir = dir;
        this.stack = stack;
        this.clientConfig = clientConfig;
    }

    /** Starts a stack with 6 partitions on free ports, data under a fresh scratch directory named after the test. */
    public static TestStack start(String testName) {
        return start(testName, false);
    }

    /**
     * Like {@link #start(String)}; with {@code secure} Kafka runs with SASL/SCRAM and the StandardAuthorizer
     * ({@code bin/pipeline stack --secure}), and each component connects as its own principal
     * ({@link #run(String, List)} picks it from the component's name, see {@link #principalOf(String)}).
     */
    public static TestStack start(String testName, boolean secure) {
        Path dir = Project.scratch(testName);
        EmbeddedStack stack = EmbeddedStack.start(StackConfig.builder().dataDir(dir.resolve("stack"))
                .startTimeout(Duration.ofMinutes(5)).secure(secure).build());   // the build machine is shared and busy
        try {
            Path clientConfig = dir.resolve("kafka-client.properties");
            Files.writeString(clientConfig, TEST_CLIENT);
            if (secure) {
                for (String p : io.sensorpipe.stack.KafkaAccessPlan.components()) {
                    StringBuilder sb = new StringBuilder(TEST_CLIENT);
                    stack.clientProperties(p).forEach((k, v) -> {
                        if (!"bootstrap.servers".equals(k)) {
                            sb.append(k).append('=').append(v).append('\n');
                        }
                    });
                    Files.writeString(dir.resolve("kafka-client-" + p + ".properties"), sb.toString());
                }
            }
            TestStack started = new TestStack(dir, stack, clientConfig);
            Runtime.getRuntime().addShutdownHook(new Thread(started::killComponents, "kill-components"));
            started.awaitBrokerAnswers();
            return started;
        } catch (IOException e) {
            stack.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded stack (for stopKafka/startKafka). */
    public EmbeddedStack stack() {
        return stack;
    }

    /** Kafka bootstrap servers. */
    public String bootstrap() {
        return stack.bootstrapServers();
    }

    /** MongoDB connection string. */
    public String mongoUri() {
        return stack.mongoUri();
    }

    /** Port of the MongoDB server (for a TcpProxy in front of it). */
    public int mongoPort() {
        return Integer.parseInt(stack.mongoUri().substring(stack.mongoUri().lastIndexOf(':') + 1));
    }

    /** Client properties of the super user (bootstrap servers, and SASL settings on a secure stack). */
    public java.util.Properties adminClient() {
        return stack.clientProperties(io.sensorpipe.stack.KafkaAccessPlan.ADMIN);
    }

    /** A topic reader with the admin's settings. */
    public TopicReader topicReader() {
        return new TopicReader(adminClient());
    }

    /**
     * The Kafka principal a component runs as on a secure stack, from its name: stream -> stream-job, sink-raw,
     * sink-derived, simulate/simulator -> simulator; null for others (verify, ... : no Kafka).
     */
    public static String principalOf(String name) {
        if (name.startsWith("stream")) {
            return io.sensorpipe.stack.KafkaAccessPlan.STREAM_JOB;
        }
        if (name.startsWith("sink-raw")) {
            return io.sensorpipe.stack.KafkaAccessPlan.SINK_RAW;
        }
        if (name.startsWith("sink-derived")) {
            return io.sensorpipe.stack.KafkaAccessPlan.SINK_DERIVED;
        }
        if (name.startsWith("simulat")) {
            return io.sensorpipe.stack.KafkaAccessPlan.SIMULATOR;
        }
        return null;
    }

    /** The scratch directory of this test class. */
    public Path dir() {
        return dir;
    }

    /** The environment a component gets: the stack's addresses, the test client settings, no stack.env lookup. */
    public Map<String, String> env(String mongoUri) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
        env.put("MONGODB_URI", mongoUri);
        env.put("KAFKA_CLIENT_CONFIG", clientConfig.toString());
        env.put("SENSORPIPE_DATA", dir.resolve("no-stack-env").toString());
        return env;
    }

    /** Starts {@code bin/pipeline args...} against this stack; its log is {@code <dir>/logs/<name>.log}. */
    public ChildProcess run(String name, List<String> args) {
        return run(name, mongoUri(), Map.of(), args);
    }

    /** Like {@link #run(String, List)} with another MongoDB address (a proxy) and extra environment. */
    public ChildProcess run(String name, String mongoUri, Map<String, String> extraEnv, List<String> args) {
        Map<String, String> env = env(mongoUri);
        String principal = principalOf(name);
        if (stack.secure() && principal != null) {
            env.put("KAFKA_CLIENT_CONFIG", dir.resolve("kafka-client-" + principal + ".properties").toString());
        }
        env.putAll(extraEnv);
        ChildProcess c = Project.pipeline(name, dir.resolve("logs").resolve(name + ".log"), env, args);
        synchronized (components) {
            components.add(c);
        }
        return c;
    }

    /**
     * Starts a component and waits for its ready line; when it exits before that (on this shared, overloaded build
     * machine a component's own 10-15 s start-up timeout towards Kafka sometimes expires) it is started again, at
     * most three times in all, as a supervisor with restart-on-failure would. Nothing was produced or stored by an
     * attempt that never got ready, so a retry changes no count.
     */
    public ChildProcess runWhenReady(String name, String mongoUri, Map<String, String> extraEnv, List<String> args,
                                  java.util.regex.Pattern ready) {
        for (int attempt = 1; ; attempt++) {
            int from = Logs.lines(dir.resolve("logs").resolve(name + ".log")).size();
            ChildProcess c = run(name, mongoUri, extraEnv, args);
            if (c.awaitLogLine(ready, from, Duration.ofMinutes(5))) {
                return c;
            }
            c.close();
            if (attempt == 3) {
                throw new AssertionError(name + " did not get ready in 3 attempts; log " + c.log());
            }
            System.out.println(name + " exited before it was ready (attempt " + attempt + "), starting it again");
        }
    }

    /** {@link #runWhenReady(String, String, Map, List, java.util.regex.Pattern)} on the stack's own database. */
    public ChildProcess runWhenReady(String name, List<String> args, java.util.regex.Pattern ready) {
        return runWhenReady(name, mongoUri(), Map.of(), args, ready);
    }

    private void awaitBrokerAnswers() {
        TopicReader topics = topicReader();
        Waits.until("the broker to answer", Duration.ofMinutes(3), () -> {
            try {
                topics.endOffsetTotal(io.sensorpipe.common.Names.TOPIC_READINGS);
                return true;
            } catch (AssertionError | RuntimeException e) {
                return false;
            }
        });
    }

    private void killComponents() {
        synchronized (components) {
            components.forEach(ChildProcess::close);
        }
    }

    /** Kills every component still running, then stops the stack. */
    @Override
    public void close() {
        killComponents();
        stack.close();
    }
}
