package io.sensorpipe.sink;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.sink.write.Backoff;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import io.sensorpipe.testsupport.TcpProxy;
import org.apache.kafka.clients.producer.RecordMetadata;
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
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw sink against the real Kafka broker and the MongoDB-wire server of the embedded stack. The tests run in
 * order on one stack: each continues the consumer group sink-raw from where the previous one committed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SinkIntegrationTest {
    private static final int ROOMS = 20;
    private static final int PER_ROOM = 5_000;   // 100,000 readings
    private static final Duration DRAIN = Duration.ofMinutes(4);

    @TempDir
    static Path dataDir;
    static EmbeddedStack stack;
    static TestKafka kafka;
    static MongoClient mongo;
    static MongoCollection<Document> readings;
    static MongoCollection<Document> deadLetters;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start(StackConfig.builder().dataDir(dataDir).build());
        kafka = new TestKafka(stack.bootstrapServers());
        mongo = MongoClients.create(stack.mongoUri());
        MongoDatabase db = mongo.getDatabase(Names.DATABASE);
        readings = db.getCollection(Names.COLL_READINGS);
        deadLetters = db.getCollection(Names.COLL_DEAD_LETTERS);
    }

    @AfterAll
    static void stopStack() {
        if (kafka != null) {
            kafka.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static SinkConfig rawConfig(String mongoUri) {
        return SinkConfig.of(SinkKind.RAW, kafka.clientProperties(), mongoUri, Names.DATABASE)
                .withProgressInterval(Duration.ofSeconds(2));
    }

    private static Sink runUntilHandled(SinkConfig config, long expected) throws Exception {
        try (Sink sink = Sink.start(config)) {
            TestKafka.awaitHandled(sink, expected, DRAIN);
            return sink;
        }
    }

    @Test
    @Order(1)
    void storesHundredThousandReadingsExactlyOnceAndCommitsEveryOffset() throws Exception {
        List<Reading> produced = TestKafka.readings("room", ROOMS, PER_ROOM);
        kafka.sendReadings(Names.TOPIC_READINGS, produced);

        Sink sink = runUntilHandled(rawConfig(stack.mongoUri()), produced.size());

        Set<String> expectedIds = produced.stream().map(Reading::id).collect(Collectors.toSet());
        Set<String> storedIds = readings.find().projection(new Document("_id", 1))
                .map(d -> d.getString("_id")).into(new HashSet<>());
        assertEquals(produced.size(), sink.counters().inserted());
        assertEquals(produced.size(), readings.countDocuments());
        assertEquals(expectedIds, storedIds);
        assertEquals(kafka.endOffsets(Names.TOPIC_READINGS), kafka.committed(Names.GROUP_RAW_SINK));

        Document one = readings.find(Filters.eq("_id", "room-07:42")).first();
        assertNotNull(one);
        assertEquals(42L, one.get("seq"));
        assertEquals(Names.TOPIC_READINGS, one.get("src", Document.class).getString("topic"));
    }

    @Test
    @Order(2)
    void reConsumingTheSameOffsetsChangesNothing() throws Exception {
        long before = readings.countDocuments();
        Date ingestedBefore = readings.find(Filters.eq("_id", "room-03:4999")).first().getDate("ingestedAt");
        kafka.resetToEarliest(Names.GROUP_RAW_SINK, Names.TOPIC_READINGS);

        Sink replay = runUntilHandled(rawConfig(stack.mongoUri()), before);

        assertEquals(0, replay.counters().inserted());
        assertEquals(before, replay.counters().duplicates());
        assertEquals(before, readings.countDocuments());
        assertEquals(ingestedBefore, readings.find(Filters.eq("_id", "room-03:4999")).first().getDate("ingestedAt"));
        assertEquals(kafka.endOffsets(Names.TOPIC_READINGS), kafka.committed(Names.GROUP_RAW_SINK));
    }

    @Test
    @Order(3)
    void badRecordsLandInDeadLettersWithReasonAndCoordinatesWhileTheRestAreStored() throws Exception {
        long before = readings.countDocuments();
        List<Reading> good = TestKafka.readings("dl-room", 2, 50);
        kafka.sendReadings(Names.TOPIC_READINGS, good.subList(0, 50));
        RecordMetadata notJson = kafka.sendNow(Names.TOPIC_READINGS, "dl-room-00", "{not json");
        RecordMetadata tooHot = kafka.sendNow(Names.TOPIC_READINGS, "dl-room-01",
                "{\"v\":1,\"roomId\":\"dl-room-01\",\"seq\":999,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":180.0}");
        kafka.sendReadings(Names.TOPIC_READINGS, good.subList(50, 100));

        Sink sink = runUntilHandled(rawConfig(stack.mongoUri()), 102);

        assertEquals(100, sink.counters().inserted());
        assertEquals(2, sink.counters().deadLetters());
        assertEquals(before + 100, readings.countDocuments());
        assertEquals(0, readings.countDocuments(Filters.eq("_id", "dl-room-01:999")));
        assertDeadLetter(notJson, "not JSON");
        assertDeadLetter(tooHot, "temperature 180.0 outside the physical range");
        assertEquals(kafka.endOffsets(Names.TOPIC_READINGS), kafka.committed(Names.GROUP_RAW_SINK));
    }

    private static void assertDeadLetter(RecordMetadata where, String reasonStart) {
        String id = where.topic() + ":" + where.partition() + ":" + where.offset();
        Document d = deadLetters.find(Filters.eq("_id", id)).first();
        assertNotNull(d, "dead letter " + id);
        assertTrue(d.getString("reason").startsWith(reasonStart), d.getString("reason"));
        assertEquals("sink-raw", d.getString("stage"));
        assertEquals(where.topic(), d.getString("topic"));
        assertEquals(where.partition(), d.getInteger("partition"));
        assertEquals(where.offset(), d.getLong("offset"));
        assertNotNull(d.getDate("time"));
    }

    @Test
    @Order(4)
    void databaseUnreachableForTwentySecondsLosesNothingAndDuplicatesNothing() throws Exception {
        long before = readings.countDocuments();
        List<Reading> produced = TestKafka.readings("outage-room", 10, 3_000);   // 30,000 readings over ~30 s
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", mongoPort())) {
            SinkConfig config = rawConfig("mongodb://" + proxy.address()).withBackoff(new Backoff(100, 2_000))
                    .withWritesInFlight(4);
            try (Sink sink = Sink.start(config)) {
                Thread producer = new Thread(() -> sendSlowly(produced, 30));
                producer.start();
                Thread.sleep(5_000);
                long beforeOutage = sink.counters().handled();
                proxy.mode(TcpProxy.Mode.DROP);
                Thread.sleep(20_000);
                long duringOutage = sink.counters().handled() - beforeOutage;
                proxy.mode(TcpProxy.Mode.FORWARD);
                producer.join();
                TestKafka.awaitHandled(sink, produced.size(), DRAIN);

                assertTrue(beforeOutage > 0, "the run was under way before the outage");
                assertTrue(duringOutage <= config.maxPollRecords(), "at most the batch in flight was acknowledged "
                        + "while the database was unreachable, got " + duringOutage);
                assertTrue(sink.counters().retries() > 0, "the sink backed off and retried");
                assertEquals(produced.size(), sink.counters().handled());
            }
        }
        Set<String> expected = produced.stream().map(Reading::id).collect(Collectors.toSet());
        Set<String> stored = readings.find(Filters.regex("_id", "^outage-room-"))
                .projection(new Document("_id", 1)).map(d -> d.getString("_id")).into(new HashSet<>());
        assertEquals(expected, stored);
        assertEquals(before + produced.size(), readings.countDocuments());
        assertEquals(kafka.endOffsets(Names.TOPIC_READINGS), kafka.committed(Names.GROUP_RAW_SINK));
    }

    @Test
    @Order(5)
    void withFourWritesInFlightSlowRoundTripsOverlapAndEverythingIsStoredOnceAndCommitted() throws Exception {
        // 30,000 readings are at least 30 bulk writes of 1,000: one at a time they cannot take less than 30 round
        // trips (37 measured at 200 ms); with four in flight the five of a batch overlap (20 measured at 200 ms, on a
        // loaded machine: the server inserts one bulk write at a time, so 300 ms keeps the network the larger part)
        long before = readings.countDocuments();
        List<Reading> produced = TestKafka.readings("rtt-room", 10, 3_000);
        kafka.sendReadings(Names.TOPIC_READINGS, produced);
        Duration rtt = Duration.ofMillis(300);
        long elapsedNanos;
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", mongoPort())) {
            proxy.roundTrip(rtt);
            try (Sink sink = Sink.start(rawConfig("mongodb://" + proxy.address()).withWritesInFlight(4))) {
                TestKafka.awaitHandled(sink, produced.size(), DRAIN);
                elapsedNanos = System.nanoTime() - sink.counters().firstBatchNanos();
                assertEquals(produced.size(), sink.counters().inserted());
            }
        }
        long roundTrips = elapsedNanos / rtt.toNanos();   // whole ones
        assertTrue(roundTrips < 25, "30 bulk writes took " + roundTrips + " round trips: they did not overlap");
        assertStoredOnce("rtt-room-", produced, before);
        assertEquals(kafka.endOffsets(Names.TOPIC_READINGS), kafka.committed(Names.GROUP_RAW_SINK));
    }

    @Test
    @Order(6)
    void stoppedDuringAnOutageWithWritesInFlightTheNextInstanceStoresTheRestOnce() throws Exception {
        // the batch being retried is abandoned uncommitted (its writes in flight finish first); the next instance
        // re-reads it: what was written of it counts as duplicates, nothing is lost or stored twice
        long before = readings.countDocuments();
        List<Reading> produced = TestKafka.readings("restart-room", 10, 2_000);
        kafka.sendReadings(Names.TOPIC_READINGS, produced);
        long accounted;
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", mongoPort())) {
            proxy.roundTrip(Duration.ofMillis(100));
            // the first retry waits 0.5 to 1 s: the stop comes during that wait, not during a write that waits 5 s
            // for a server
            SinkConfig config = rawConfig("mongodb://" + proxy.address()).withBackoff(new Backoff(1_000, 1_000))
                    .withWritesInFlight(4);
            long firstInserted;
            long firstHandled;
            try (Sink first = Sink.start(config)) {
                awaitTrue(() -> first.counters().handled() > 0, "the first instance committed a batch");
                proxy.mode(TcpProxy.Mode.DROP);
                assertTrue(first.counters().handled() < produced.size(), "the outage came before the end");
                Thread.sleep(300);   // the writes in flight failed, the retry waits
                first.stop();
                assertTrue(first.awaitStopped(Duration.ofSeconds(30)), "stopped while retrying");
                assertEquals(null, first.failure());
                firstInserted = first.counters().inserted();
                firstHandled = first.counters().handled();
            }
            long committed = kafka.committed(Names.GROUP_RAW_SINK).values().stream().mapToLong(Long::longValue).sum();
            long end = kafka.endOffsets(Names.TOPIC_READINGS).values().stream().mapToLong(Long::longValue).sum();
            assertTrue(committed < end, "the run was interrupted before its end");
            proxy.mode(TcpProxy.Mode.FORWARD);
            try (Sink second = Sink.start(config)) {
                TestKafka.awaitHandled(second, produced.size() - firstHandled, DRAIN);
                Thread.sleep(500);   // nothing more comes
                assertEquals(produced.size() - firstHandled, second.counters().handled(), "the rest, read once");
                assertTrue(second.counters().duplicates() <= config.maxPollRecords(), "at most the abandoned batch "
                        + "was stored before, got " + second.counters().duplicates());
                accounted = firstInserted + second.counters().inserted() + second.counters().duplicates();
            }
        }
        assertEquals(produced.size(), accounted, "each reading stored by the first instance or read by the second");
        assertStoredOnce("restart-room-", produced, before);
        assertEquals(kafka.endOffsets(Names.TOPIC_READINGS), kafka.committed(Names.GROUP_RAW_SINK));
    }

    private static int mongoPort() {
        return Integer.parseInt(stack.mongoUri().substring(stack.mongoUri().lastIndexOf(':') + 1));
    }

    private static void assertStoredOnce(String idPrefix, List<Reading> produced, long before) {
        Set<String> expected = produced.stream().map(Reading::id).collect(Collectors.toSet());
        Set<String> stored = readings.find(Filters.regex("_id", "^" + idPrefix))
                .projection(new Document("_id", 1)).map(d -> d.getString("_id")).into(new HashSet<>());
        assertEquals(expected, stored);
        assertEquals(before + produced.size(), readings.countDocuments(), "nothing stored twice");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    /** Sends the readings evenly over about {@code seconds}. */
    private static void sendSlowly(List<Reading> readings, int seconds) {
        int slices = seconds * 10;
        int perSlice = (readings.size() + slices - 1) / slices;
        try {
            for (int from = 0; from < readings.size(); from += perSlice) {
                kafka.sendReadings(Names.TOPIC_READINGS, readings.subList(from, Math.min(readings.size(), from + perSlice)));
                Thread.sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
