package io.sensorpipe.deploy;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.deploy.cluster.SparkStandaloneCluster;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job on a real Spark standalone cluster: master and worker in their own JVMs started from the Spark jars on
 * Maven Central, the application submitted with Spark's own SparkSubmit, executors launched by the worker, input
 * and output on the embedded Kafka broker. Its output must be what local mode computes.
 */
class SparkClusterIntegrationTest {
    private static final Path WORK = Path.of("target", "spark-cluster").toAbsolutePath();
    private static final Path APP_JAR = Project.root().resolve("streaming-job/target/streaming-job-app.jar");
    private static final Path BATCH_JAR = Project.root().resolve("batch/target/batch-app.jar");
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration LATENESS = Duration.ofSeconds(300);
    /** Generous: on a loaded 2-core machine an executor JVM alone can take minutes to start. Not a timing claim. */
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static EmbeddedStack stack;
    private static SparkStandaloneCluster cluster;

    @BeforeAll
    static void startStackAndCluster() throws Exception {
        assertTrue(Files.isRegularFile(APP_JAR), APP_JAR + " is missing: build the streaming-job module first");
        Path stackData = WORK.resolve("stack");
        deleteRecursively(stackData);   // fresh topics: a rerun must not see the last run's readings and alpha
        stack = EmbeddedStack.start(StackConfig.builder().dataDir(stackData).partitions(3)
                .applyMongoInit(false).build());
        cluster = SparkStandaloneCluster.start(WORK, sparkJars(), sparkJvmOptions());
    }

    @AfterAll
    static void stopEverythingLeavingNoProcessBehind() throws Exception {
        List<ProcessHandle> all = cluster == null ? List.of() : cluster.allProcesses();
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
        for (ProcessHandle p : all) {
            assertFalse(p.isAlive(), "process " + p.pid() + " " + p.info().command().orElse("") + " outlived the test");
        }
    }

    @Test
    void streamingJobOnTheClusterWritesExactlyWhatLocalModeComputes() throws Exception {
        List<Reading> readings = TestReadings.arrivalOrder(4, 40);
        Map<String, byte[]> expected = new TreeMap<>();
        for (DerivedRecord a : ReferenceAnalytics.compute(readings, WINDOW, LATENESS)) {
            expected.put(Names.documentId(a.roomId(), a.seq()), Codec.encode(a));
        }
        produce(readings);
        int uiPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            uiPort = free.getLocalPort();
        }
        String driverUi = "http://127.0.0.1:" + uiPort;
        try (ChildProcess driver = cluster.submit("streaming-job", APP_JAR, "io.sensorpipe.streaming.StreamCommand",
                List.of("--bootstrap-servers", stack.bootstrapServers(), "--window", "60s", "--lateness", "300s"),
                uiPort)) {
            driver.awaitLog(Pattern.compile("with master (spark://127\\.0\\.0\\.1:\\d+)"), PATIENCE);
            Map<String, byte[]> alpha = consumeAlpha(expected.size(), PATIENCE, driver);
            assertEquals(expected.keySet(), alpha.keySet(), "derived records by roomId:seq");
            expected.forEach((id, bytes) -> assertArrayEquals(bytes, alpha.get(id),
                    () -> id + ": cluster wrote " + new String(alpha.get(id), StandardCharsets.UTF_8)
                            + " but local mode computes " + new String(bytes, StandardCharsets.UTF_8)));
            assertTrue(executorsRanOnTheWorker(), "no executor was launched by the worker; see " + WORK.resolve("logs"));
            // compose's health check of stream-job, exactly as written (the driver UI's REST API, JSON by Jackson),
            // against this live driver: it passes, and fails where nothing listens
            String check = healthCheck(ComposeFile.services(ComposeFile.effective(
                    ComposeFile.dummyEnv(WORK.resolve("compose")))), "stream-job");
            assertTrue(check.contains("http://localhost:4040"), check);
            assertEquals(0, Project.run(List.of("sh", "-c", check.replace("http://localhost:4040", driverUi)),
                    Map.of(), null).exitCode(), "stream-job health check failed against " + driverUi + ": " + check);
            assertTrue(Project.run(List.of("sh", "-c", check.replace("http://localhost:4040", "http://127.0.0.1:9")),
                    Map.of(), null).exitCode() != 0, "stream-job health check passes against nothing");
        }
    }

    @Test
    void submittedAppRunsInExecutorsTheWorkerLaunched() throws Exception {
        Path jar = JarBuilder.pack(Path.of("target", "test-classes"), "io/sensorpipe/deploy/ClusterSmokeApp",
                WORK.resolve("cluster-smoke.jar"));
        try (ChildProcess driver = cluster.submit("cluster-smoke", jar, ClusterSmokeApp.class.getName(), List.of("1000"))) {
            String line = driver.awaitLog(Pattern.compile("(SMOKE .*)"), PATIENCE);
            Matcher m = Pattern.compile("sum=(\\d+) driverPid=(\\d+) executorPids=\\[(.*)]").matcher(line);
            assertTrue(m.find(), line);
            assertEquals(333_833_500L, Long.parseLong(m.group(1)), "sum of squares 1..1000");
            long driverPid = Long.parseLong(m.group(2));
            // "pid/parentPid" per executor: the parent is checked, not the live process list, because the worker
            // may already have stopped the executors when the application finished
            for (String executor : m.group(3).split(",\\s*")) {
                String[] pids = executor.split("/");
                assertTrue(Long.parseLong(pids[0]) != driverPid, "work ran in the driver: " + line);
                assertEquals(cluster.workerPid(), Long.parseLong(pids[1]),
                        "executor " + pids[0] + " was not launched by the worker: " + line);
            }
        }
    }

    /**
     * A spark-sql job, as the batch jobs (verify, rollup) are, runs on the cluster from the image's jar set: Spark's
     * JSON data source (Jackson) in the executors, the aggregate back in the driver.
     */
    @Test
    void sparkSqlAppWithJsonRunsOnTheCluster() throws Exception {
        Path jar = JarBuilder.pack(Path.of("target", "test-classes"), "io/sensorpipe/deploy/ClusterSqlSmokeApp",
                WORK.resolve("cluster-sql-smoke.jar"));
        try (ChildProcess driver = cluster.submit("cluster-sql-smoke", jar, ClusterSqlSmokeApp.class.getName(),
                List.of("10"))) {
            String line = driver.awaitLog(Pattern.compile("(SQL rows=.*)"), PATIENCE);
            assertEquals("SQL rows=30 json=[{\"roomId\":\"room-0\",\"n\":10,\"total\":55}, "
                    + "{\"roomId\":\"room-1\",\"n\":10,\"total\":110}, "
                    + "{\"roomId\":\"room-2\",\"n\":10,\"total\":165}]", line);
        }
    }

    /**
     * The documented {@code spark-submit ... --class io.sensorpipe.batch.VerifyCommand batch-app.jar} on the cluster:
     * mongo-spark-connector and its MongoDB driver (in the app jar) read the stack's database (nothing stored: the
     * readings above go to Kafka only) through spark-sql on the executors.
     */
    @Test
    void batchVerifyJobRunsOnTheCluster() throws Exception {
        assertTrue(Files.isRegularFile(BATCH_JAR), BATCH_JAR + " is missing: build the batch module first");
        try (ChildProcess driver = cluster.submit("batch-verify", BATCH_JAR, "io.sensorpipe.batch.VerifyCommand",
                List.of("--mongodb-uri", stack.mongoUri(), "--database", "deploy_tests_verify"))) {
            String line = driver.awaitLog(Pattern.compile("(verify: \\d+ rooms.*)"), PATIENCE);
            assertEquals("verify: 0 rooms, 0 readings, 0 expected, 0 stored -> missing=0 extra=0 mismatching=0 (OK)",
                    line);
        }
    }

    /** The master's web UI renders its state as JSON (json4s on Jackson) from the same jar set. */
    @Test
    void masterWebUiServesItsStateAsJson() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(cluster.masterWebUiUrl() + "/json/")).timeout(Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        com.google.gson.JsonObject state = com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject();
        assertEquals(cluster.masterUrl(), state.get("url").getAsString(), response.body());
        assertEquals("ALIVE", state.get("status").getAsString(), response.body());
        assertEquals(1, state.getAsJsonArray("workers").size(), response.body());
    }

    /**
     * docker-compose.yml's health checks of spark-master and spark-worker, the commands exactly as compose runs them
     * in the containers (wget and grep), with the containers' addresses replaced by this cluster's: they pass against
     * the live master and worker, and fail against a port where nothing listens.
     */
    @Test
    void composesSparkHealthChecksPassAgainstTheLiveMasterAndWorker() throws Exception {
        Map<String, com.google.gson.JsonObject> services = ComposeFile.services(ComposeFile.effective(
                ComposeFile.dummyEnv(WORK.resolve("compose"))));
        Map<String, String> checks = Map.of(
                "spark-master", healthCheck(services, "spark-master").replace("http://localhost:8080",
                        cluster.masterWebUiUrl()),
                "spark-worker", healthCheck(services, "spark-worker").replace("http://localhost:8081",
                        cluster.workerWebUiUrl()).replace("spark://spark-master:7077", cluster.masterUrl()));
        for (Map.Entry<String, String> check : checks.entrySet()) {
            assertTrue(check.getValue().contains("http://127.0.0.1:"), check.getKey() + ": " + check.getValue());
            Project.Result ok = Project.run(List.of("sh", "-c", check.getValue()), Map.of(), null);
            assertEquals(0, ok.exitCode(), check.getKey() + " health check failed: " + check.getValue() + "\n"
                    + ok.output());
            String dead = check.getValue().replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:9");
            assertTrue(Project.run(List.of("sh", "-c", dead), Map.of(), null).exitCode() != 0,
                    check.getKey() + " health check passes against nothing: " + dead);
        }
    }

    private static String healthCheck(Map<String, com.google.gson.JsonObject> services, String service) {
        com.google.gson.JsonArray test = services.get(service).getAsJsonObject("healthcheck").getAsJsonArray("test");
        assertEquals("CMD-SHELL", test.get(0).getAsString(), service);
        return test.get(1).getAsString();
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static boolean executorsRanOnTheWorker() throws Exception {
        String workerLog = Files.readString(WORK.resolve("logs/worker.log"));
        return Pattern.compile("Asked to launch executor \\S+ for (sensorpipe-stream|streaming-job)")
                .matcher(workerLog).find();
    }

    private static void produce(List<Reading> readings) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Reading r : readings) {
                producer.send(new ProducerRecord<>(Names.TOPIC_READINGS, r.roomId(), Codec.encode(r)));
            }
            producer.flush();
        }
    }

    /**
     * Reads alpha from the start until {@code expected} distinct records arrived (failing at once if the driver
     * exits); replays must be byte-identical.
     */
    private static Map<String, byte[]> consumeAlpha(int expected, Duration timeout, ChildProcess driver) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("group.id", "deploy-tests-alpha-reader-" + java.util.UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        Map<String, byte[]> byId = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Names.TOPIC_ALPHA));
            while (byId.size() < expected && Instant.now().isBefore(deadline)) {
                assertTrue(driver.isAlive(), "the driver exited; see " + driver.log());
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofSeconds(1))) {
                    DerivedRecord a = Codec.decodeDerived(rec.value()).value();
                    assertTrue(a != null, "undecodable alpha record " + new String(rec.value(), StandardCharsets.UTF_8));
                    byte[] previous = byId.putIfAbsent(Names.documentId(a.roomId(), a.seq()), rec.value());
                    if (previous != null) {
                        assertArrayEquals(previous, rec.value(), "a replayed derived record differs");
                    }
                }
            }
        }
        assertEquals(expected, byId.size(), "derived records on alpha within " + timeout);
        return byId;
    }

    static List<Path> sparkJars() throws Exception {
        String cp = Files.readString(Path.of("target", "provided-classpath.txt")).trim();
        return Arrays.stream(cp.split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    static List<String> sparkJvmOptions() {
        String opens = System.getProperty("spark.java17.opens", "");
        return Arrays.stream(opens.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
