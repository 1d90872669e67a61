package io.sensorpipe.stack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.process.ProjectHome;
import io.sensorpipe.testsupport.TcpProxy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts one embedded stack (real Kafka broker, mongo-java-server) and checks what it promises. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackIntegrationTest {
    private static final int PARTITIONS = 3;

    @TempDir
    static Path dataDir;

    static EmbeddedStack stack;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start(StackConfig.builder().dataDir(dataDir).partitions(PARTITIONS).build());
        System.out.println("embedded stack started in " + stack.startupMillis() + " ms: " + stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void topicsExistWithTheConfiguredPartitionCount() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("readings", "alpha", "readings.dlq"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertEquals(Set.of("readings", "alpha", "readings.dlq"), topics.keySet());
            topics.values().forEach(t -> assertEquals(PARTITIONS, t.partitions().size(), t.name()));
            // the settings of kafka-init/topics.conf, the one definition compose's kafka-init reads too
            var readings = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "readings");
            var alpha = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "alpha");
            var configs = admin.describeConfigs(List.of(readings, alpha)).all().get(30, TimeUnit.SECONDS);
            assertEquals("LogAppendTime", configs.get(readings).get("message.timestamp.type").value());
            assertEquals("604800000", configs.get(alpha).get("retention.ms").value());
            assertEquals("2098176", configs.get(alpha).get("max.message.bytes").value());
        }
    }

    @Test
    @Order(2)
    void aReadingRoundTripsThroughTheBroker() throws Exception {
        Reading sent = new Reading("room-007", 42, 1_790_000_000_123L, 21.37);
        produce(sent);
        assertEquals(List.of(sent), consumeAllReadings());
    }

    @Test
    @Order(3)
    void mongoInitCreatesTheCollectionsAndIndexes() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoDatabase db = client.getDatabase(Names.DATABASE);
            Set<String> names = db.listCollectionNames().into(new HashSet<>());
            assertTrue(names.containsAll(Set.of(Names.COLL_READINGS, Names.COLL_ANALYTICS, Names.COLL_DEAD_LETTERS,
                    Names.COLL_HOURLY)), names.toString());
            Document roomTime = new Document("roomId", 1).append("ts", -1);
            assertTrue(indexKeys(db, Names.COLL_READINGS).contains(roomTime));
            assertTrue(indexKeys(db, Names.COLL_ANALYTICS).contains(roomTime));
            assertTrue(indexKeys(db, Names.COLL_DEAD_LETTERS).contains(new Document("reason", 1).append("time", -1)));
        }
    }

    @Test
    @Order(4)
    void applyingMongoInitTwiceChangesNothing() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoDatabase db = client.getDatabase(Names.DATABASE);
            db.getCollection(Names.COLL_READINGS).insertOne(new Document("_id", "room-1:1").append("roomId", "room-1"));
            List<Document> before = db.getCollection(Names.COLL_READINGS).listIndexes().into(new ArrayList<>());
            MongoInit.apply(stack.mongoUri(), ProjectHome.find().resolve("mongo-init"));
            assertEquals(before, db.getCollection(Names.COLL_READINGS).listIndexes().into(new ArrayList<>()));
            assertEquals(1, db.getCollection(Names.COLL_READINGS).countDocuments());
        }
    }

    @Test
    @Order(5)
    void javaApplierSkipsUsersTheServerCannotCreateAndSaysSo() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoInit.Result result = MongoInit.apply(client, ProjectHome.find().resolve("mongo-init/sensors.schema.json"),
                    Map.of("MONGO_WRITER_USER", "writer", "MONGO_WRITER_PASSWORD", "not-a-secret"));
            assertEquals(List.of(), result.users());
            assertTrue(result.skipped().stream().anyMatch(s -> s.startsWith("user writer (server has no user management")),
                    result.skipped().toString());
            assertTrue(result.skipped().contains(
                    "user from MONGO_ANALYST_USER (MONGO_ANALYST_USER or MONGO_ANALYST_PASSWORD not set)"));
            assertEquals(5, result.collections().size());
        }
    }

    @Test
    @Order(6)
    void mongoshInitScriptCreatesTheDatabaseFromTheSameDefinition() throws Exception {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            client.getDatabase(Names.DATABASE).drop();
            String mongoshBin = System.getenv().getOrDefault("MONGOSH", "mongosh");
            ProcessBuilder pb = new ProcessBuilder(mongoshBin, "--quiet", "--norc", stack.mongoUri() + "/" + Names.DATABASE,
                    ProjectHome.find().resolve("mongo-init/01-sensors.js").toString()).redirectErrorStream(true);
            pb.environment().put("MONGO_WRITER_USER", "writer");
            pb.environment().put("MONGO_WRITER_PASSWORD", "not-a-secret");
            Process mongosh = pb.start();
            mongosh.getOutputStream().close();
            String output = new String(mongosh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(mongosh.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, mongosh.exitValue(), output);
            assertTrue(output.startsWith("mongo-init applied to sensors: 5 collections, 9 indexes, 0 users; skipped: "), output);
            assertTrue(output.contains("user writer (server has no user management)"), output);
            MongoDatabase db = client.getDatabase(Names.DATABASE);
            assertEquals(Set.of(Names.COLL_READINGS, Names.COLL_ANALYTICS, Names.COLL_DEAD_LETTERS, Names.COLL_LATE,
                    Names.COLL_HOURLY), db.listCollectionNames().into(new HashSet<>()));
            assertTrue(indexKeys(db, Names.COLL_LATE).contains(new Document("roomId", 1).append("ts", -1)));
            assertTrue(indexKeys(db, Names.COLL_ANALYTICS).contains(new Document("roomId", 1).append("ts", -1)));
        }
    }

    @Test
    @Order(7)
    void proxyInFrontOfTheDatabaseCutsAndRestoresIt() throws Exception {
        int mongoPort = Integer.parseInt(stack.mongoUri().substring(stack.mongoUri().lastIndexOf(':') + 1));
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", mongoPort);
             MongoClient client = MongoClients.create("mongodb://" + proxy.address() + "/?serverSelectionTimeoutMS=2000")) {
            MongoDatabase db = client.getDatabase(Names.DATABASE);
            db.getCollection(Names.COLL_HOURLY).insertOne(new Document("_id", "through-proxy"));
            proxy.mode(TcpProxy.Mode.REFUSE);
            assertThrows(com.mongodb.MongoException.class, () -> db.getCollection(Names.COLL_HOURLY).countDocuments());
            proxy.mode(TcpProxy.Mode.FORWARD);
            assertEquals(1, db.getCollection(Names.COLL_HOURLY).countDocuments());
        }
    }

    @Test
    @Order(8)
    void kafkaRestartedOnTheSamePortKeepsItsData() throws Exception {
        String before = stack.bootstrapServers();
        stack.stopKafka();
        stack.startKafka();
        assertEquals(before, stack.bootstrapServers());
        assertEquals(List.of(new Reading("room-007", 42, 1_790_000_000_123L, 21.37)), consumeAllReadings());
    }

    @Test
    @Order(9)
    void closeLeavesNoChildProcess() {
        List<Long> pids = stack.childPids();
        assertEquals(2, pids.size());
        stack.close();
        stack.close();   // idempotent
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " still runs");
        }
        assertFalse(ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive), "a descendant survived");
    }

    private static List<Document> indexKeys(MongoDatabase db, String collection) {
        List<Document> keys = new ArrayList<>();
        db.getCollection(collection).listIndexes().forEach(i -> keys.add(i.get("key", Document.class)));
        return keys;
    }

    private static void produce(Reading r) throws Exception {
        Map<String, Object> conf = Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all",
                "enable.idempotence", "true");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(conf, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Names.TOPIC_READINGS, r.roomId(), Codec.encode(r))).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<Reading> consumeAllReadings() {
        Map<String, Object> conf = Map.of("bootstrap.servers", stack.bootstrapServers(), "auto.offset.reset", "earliest",
                "enable.auto.commit", "false");
        List<Reading> got = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                parts.add(new TopicPartition(Names.TOPIC_READINGS, p));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(500))) {
                    got.add(Codec.decodeReading(rec.value()).value());
                }
            }
        }
        return got;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
