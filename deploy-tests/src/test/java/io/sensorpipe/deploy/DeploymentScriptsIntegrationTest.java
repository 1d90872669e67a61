package io.sensorpipe.deploy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.sensorpipe.common.Names;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment's scripts, run outside their containers against the embedded stack, with the environment and the
 * commands docker-compose.yml gives them (only the addresses changed to the embedded stack's):
 * {@code kafka-init/init.sh} creates the topics of the one definition on the cluster it is pointed at; compose's
 * Kafka health check against the live broker; the applications started from the image's layout
 * ({@code docker/collect-artifacts.sh}) through {@code docker/app-entrypoint.sh}, checked by compose's health-check
 * commands and stopped with SIGTERM within compose's grace period, having stored every reading they produced.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentScriptsIntegrationTest {
    private static final Path WORK = Path.of("target", "deployment-scripts").toAbsolutePath();
    private static final Path ROOT = Project.root();
    private static final List<String> TOPICS = List.of(Names.TOPIC_READINGS, Names.TOPIC_ALPHA, Names.TOPIC_DLQ,
            Names.TOPIC_LATE);
    private static EmbeddedStack stack;
    private static Map<String, JsonObject> compose;
    /** Stand-ins for the apache/kafka image's /opt/kafka/bin: the same tools, from the Kafka jars. */
    private static Path kafkaBin;

    @BeforeAll
    static void startStack() throws Exception {
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        // secured like compose's broker (SASL/SCRAM, StandardAuthorizer): kafka-init must work as the admin, create
        // the components' users and ACLs, and the applications must get in with compose's credentials
        stack = EmbeddedStack.start(StackConfig.builder().dataDir(WORK.resolve("stack")).partitions(3).secure(true)
                .build());
        compose = ComposeFile.services(ComposeFile.effective(ComposeFile.dummyEnv(WORK)));
        kafkaBin = Files.createDirectories(WORK.resolve("kafka-bin"));
        String cp = ROOT.resolve("embedded-kafka/target/classes") + File.pathSeparator
                + Files.readString(ROOT.resolve("embedded-kafka/target/runtime-classpath.txt")).trim();
        tool("kafka-topics.sh", cp, "org.apache.kafka.tools.TopicCommand");
        tool("kafka-broker-api-versions.sh", cp, "kafka.admin.BrokerApiVersionsCommand");
        tool("kafka-configs.sh", cp, "kafka.admin.ConfigCommand");
        tool("kafka-acls.sh", cp, "kafka.admin.AclCommand");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void kafkaInitCreatesTheTopicsOfTheOneDefinitionOnTheClusterItIsGiven() throws Exception {
        try (Admin admin = admin()) {
            admin.deleteTopics(TOPICS).all().get(60, TimeUnit.SECONDS);
            for (int i = 0; i < 120 && admin.listTopics().names().get().stream().anyMatch(TOPICS::contains); i++) {
                Thread.sleep(500);
            }
        }
        Map<String, String> env = initEnvironment(stack.bootstrapServers());
        for (int run = 1; run <= 2; run++) {   // the second run finds the topics there: idempotent
            Project.Result r = run(List.of("sh", initScript()), env, Duration.ofMinutes(3));
            assertEquals(0, r.exitCode(), "run " + run + ":\n" + r.output());
            assertTrue(r.output().contains("kafka-init: Kafka at " + stack.bootstrapServers() + " answers"), r.output());
            assertTrue(r.output().contains("kafka-init: SCRAM-SHA-512 user 'sink-raw' set")
                    && r.output().contains("kafka-init: allow User:stream-job WRITE --topic alpha"), r.output());
        }
        // the ACLs kafka-init created are exactly the embedded stack's plan (which the stack had granted already)
        try (Admin admin = admin()) {
            java.util.Set<String> acls = new java.util.TreeSet<>();
            admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get().forEach(b -> acls.add(
                    b.entry().principal() + " " + b.entry().operation() + " " + b.pattern().resourceType() + " "
                            + b.pattern().name()));
            java.util.Set<String> plan = new java.util.TreeSet<>();
            io.sensorpipe.stack.KafkaAccessPlan.grants().forEach(g -> g.operations().forEach(op ->
                    plan.add("User:" + g.principal() + " " + op + " " + g.type() + " " + g.name())));
            assertEquals(plan, acls);
        }
        int partitions = Integer.parseInt(env.get("KAFKA_PARTITIONS"));
        Map<String, Map<String, String>> defined = topicDefinitions();
        assertEquals(TOPICS, new ArrayList<>(defined.keySet()));
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(TOPICS).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(TOPICS.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get();
            for (String topic : TOPICS) {
                assertEquals(partitions, topics.get(topic).partitions().size(), topic);
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                defined.get(topic).forEach((k, v) -> assertEquals(v, config.get(k).value(), topic + " " + k));
            }
        }
        // the broker keeps its default message.max.bytes (1 MiB), as compose's does: the topic's own limit lets a
        // 1.5 MiB record in, so a 1 MiB bad record reaches the job and its dead letters
        Properties p = stack.clientProperties("admin");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * 1024 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Names.TOPIC_READINGS, "room-big".getBytes(StandardCharsets.UTF_8),
                    new byte[3 * 512 * 1024])).get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(2)
    void kafkaInitSaysWhichClusterDidNotAnswer() throws Exception {
        String nobody = "127.0.0.1:" + freePort();
        Map<String, String> env = initEnvironment(nobody);
        env.put("KAFKA_INIT_WAIT_SECONDS", "1");
        Project.Result r = run(List.of("sh", initScript()), env, Duration.ofMinutes(2));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("kafka-init: no Kafka cluster answers at " + nobody + " within 1 s"),
                r.output());
    }

    @Test
    @Order(3)
    void composesKafkaHealthCheckPassesAgainstTheLiveBrokerOnly() throws Exception {
        String check = healthCheckArgs("kafka");
        assertTrue(check.contains("kafka:19094"), check);
        Properties creds = new Properties();
        try (java.io.Reader r = Files.newBufferedReader(WORK.resolve("stack/secure/credentials.properties"))) {
            creds.load(r);
        }
        // compose's admin listener takes PLAIN (one static user); the embedded broker's admin is a SCRAM user
        Map<String, String> env = Map.of("SENSORPIPE_KAFKA_ADMIN_PASSWORD", creds.getProperty("admin"),
                "SENSORPIPE_KAFKA_ADMIN_MECHANISM", "SCRAM-SHA-512", "KAFKA_BIN", kafkaBin.toString());
        assertEquals(0, run(List.of("sh", "-c", check.replace("kafka:19094", stack.bootstrapServers())), env,
                Duration.ofMinutes(2)).exitCode());
        Map<String, String> wrong = new java.util.HashMap<>(env);
        wrong.put("SENSORPIPE_KAFKA_ADMIN_PASSWORD", "not-the-admin-password");
        assertNotEquals(0, run(List.of("sh", "-c", check.replace("kafka:19094", stack.bootstrapServers())), wrong,
                Duration.ofMinutes(2)).exitCode(), "the health check passes with a wrong admin password");
        assertNotEquals(0, run(List.of("sh", "-c", check.replace("kafka:19094", "127.0.0.1:" + freePort())), env,
                Duration.ofMinutes(2)).exitCode());
    }

    @Test
    @Order(4)
    void applicationsRunFromTheImageLayoutAsComposeStartsChecksAndStopsThem() throws Exception {
        Path out = WORK.resolve("image");
        Project.Result collected = run(List.of("sh", ROOT.resolve("docker/collect-artifacts.sh").toString(),
                ROOT.toString(), out.toString()), Map.of(), Duration.ofMinutes(5));
        assertEquals(0, collected.exitCode(), collected.output());
        for (String module : List.of("producer", "sinks")) {
            assertTrue(Files.isRegularFile(out.resolve("app/" + module + "/" + module + ".jar")), module);
        }
        String healthSink = healthCheckArgs("sink-raw");
        assertNotEquals(0, run(shell(healthSink), appEnvironment("sink-raw", out), Duration.ofSeconds(30)).exitCode(),
                "the sink's health check passes before the sink runs");

        Process sink = startApp("sink-raw", out);
        Process simulator = null;
        try {
            awaitHealthy("sink-raw", healthSink, out, sink);
            simulator = startApp("simulator", out);
            awaitHealthy("simulator", healthCheckArgs("simulator"), out, simulator);
            // until it has sent some (with SASL and the access check its start takes longer on a loaded machine)
            for (int i = 0; i < 120 && recordsIn(Names.TOPIC_READINGS) < 20; i++) {
                Thread.sleep(500);
            }
            Thread.sleep(2_000);
            assertStopsWithinGrace("simulator", simulator);
            long produced = recordsIn(Names.TOPIC_READINGS) - 1;   // minus the 1.5 MiB record of the first test
            assertTrue(produced > 0, "the simulator produced nothing");
            long stored = 0;
            try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
                for (int i = 0; i < 120; i++) {
                    stored = mongo.getDatabase(Names.DATABASE).getCollection(Names.COLL_READINGS).countDocuments();
                    if (stored >= produced) {
                        break;
                    }
                    Thread.sleep(500);
                }
            }
            assertEquals(produced, stored, "readings stored by the sink started from the image layout");
            assertStopsWithinGrace("sink-raw", sink);
        } finally {
            sink.destroyForcibly();
            if (simulator != null) {
                simulator.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> initEnvironment(String bootstrap) {
        Map<String, String> env = new HashMap<>(ComposeFile.environment(compose.get("kafka-init")));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("KAFKA_BIN", kafkaBin.toString());
        // compose's admin logs in with PLAIN on its ADMIN listener; the embedded broker's admin is a SCRAM user
        env.put("KAFKA_ADMIN_PASSWORD", stack.clientProperties("admin").getProperty("sasl.jaas.config")
                .replaceAll(".*password=\"([^\"]*)\".*", "$1"));
        env.put("KAFKA_ADMIN_SASL_MECHANISM", "SCRAM-SHA-512");
        return env;
    }

    /** compose's entrypoint of kafka-init, with the mounted /kafka-init mapped to the checkout's folder. */
    private static String initScript() {
        JsonArray entrypoint = compose.get("kafka-init").getAsJsonArray("entrypoint");
        String script = entrypoint.get(entrypoint.size() - 1).getAsString();
        assertTrue(script.startsWith("/kafka-init/"), script);
        return ROOT.resolve("kafka-init").resolve(script.substring("/kafka-init/".length())).toString();
    }

    /** A service's health-check test as one shell command. */
    private static String healthCheck(String service) {
        JsonArray test = compose.get(service).getAsJsonObject("healthcheck").getAsJsonArray("test");
        List<String> parts = new ArrayList<>();
        test.forEach(e -> parts.add(e.getAsString()));
        return switch (parts.get(0)) {
            case "CMD-SHELL" -> parts.get(1);
            case "CMD" -> String.join(" ", parts.subList(1, parts.size()));
            default -> throw new AssertionError(service + " health check: " + parts);
        };
    }

    /** An application's health check with the image's /opt/sensorpipe/bin mapped to docker/. */
    private static String healthCheckArgs(String service) {
        return healthCheck(service).replace("/opt/sensorpipe/bin/", ROOT.resolve("docker") + "/");
    }

    private static List<String> shell(String command) {
        return List.of("sh", "-c", command);
    }

    /** compose's environment of the service, with the embedded stack's addresses and the collected image layout. */
    private static Map<String, String> appEnvironment(String service, Path image) {
        Map<String, String> env = new HashMap<>(ComposeFile.environment(compose.get(service)));
        assertTrue(env.containsKey("KAFKA_BOOTSTRAP_SERVERS"), service + " gets no KAFKA_BOOTSTRAP_SERVERS");
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        if (env.containsKey("MONGODB_URI")) {
            env.put("MONGODB_URI", stack.mongoUri() + "/" + Names.DATABASE);
        }
        env.put("SENSORPIPE_APP_HOME", image.resolve("app").toString());
        return env;
    }

    private static Process startApp(String service, Path image) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", ROOT.resolve("docker/app-entrypoint.sh").toString()));
        compose.get(service).getAsJsonArray("command").forEach(e -> command.add(e.getAsString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(service + ".log").toFile());
        pb.environment().putAll(appEnvironment(service, image));
        return pb.start();
    }

    private static void awaitHealthy(String service, String check, Path image, Process process) throws Exception {
        Project.Result last = null;
        for (int i = 0; i < 120; i++) {
            assertTrue(process.isAlive(), service + " exited: " + log(service));
            last = run(shell(check), appEnvironment(service, image), Duration.ofSeconds(30));
            if (last.exitCode() == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(service + " never healthy: " + last.output() + "\n" + log(service));
    }

    /** SIGTERM, as docker stop sends; the process must be gone within the service's stop_grace_period. */
    private static void assertStopsWithinGrace(String service, Process process) throws Exception {
        long grace = ComposeFile.seconds(compose.get(service).get("stop_grace_period").getAsString());
        long t0 = System.nanoTime();
        process.destroy();
        assertTrue(process.waitFor(grace, TimeUnit.SECONDS), service + " still running " + grace + " s after SIGTERM");
        System.out.printf("%s stopped %d ms after SIGTERM (grace %d s), exit code %d%n", service,
                (System.nanoTime() - t0) / 1_000_000, grace, process.exitValue());
    }

    private static long recordsIn(String topic) {
        Properties p = stack.clientProperties("admin");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts);
            return parts.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    private static String log(String service) {
        try {
            return Files.readString(WORK.resolve(service + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Admin admin() {
        return Admin.create(stack.adminClientProperties());
    }

    /** kafka-init/topics.conf: name, then comma-separated key=value settings. */
    private static Map<String, Map<String, String>> topicDefinitions() throws IOException {
        Map<String, Map<String, String>> defs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("kafka-init/topics.conf"))) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+", 2);
            defs.put(parts[0], parts.length < 2 ? Map.of() : Arrays.stream(parts[1].split(","))
                    .map(kv -> kv.split("=", 2))
                    .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, LinkedHashMap::new)));
        }
        return defs;
    }

    private static void tool(String name, String classpath, String mainClass) throws IOException {
        Path script = kafkaBin.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexec java -Xmx256m -cp '" + classpath + "' " + mainClass + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Project.Result run(List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        return Project.run(command, env, null, timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
