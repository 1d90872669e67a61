package io.sensorpipe.producer;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator against the real embedded Kafka broker: what it reports is exactly what the topic holds. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorIntegrationTest {
    private static final int ROOMS = 20;
    private static final FaultRates FAULTS = new FaultRates(0.01, 0.01, 0.01, 0.005);

    @TempDir
    static Path dataDir;
    static EmbeddedStack stack;
    static SimulatorSummary firstRun;
    static Map<TopicPartition, Long> endOfFirstRun;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start(StackConfig.builder().dataDir(dataDir).build());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Properties client() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        return p;
    }

    @Test
    @Order(1)
    void hundredThousandReadingsComeBackExactlyOnceExceptInjectedDuplicates() {
        firstRun = Simulator.run(SimulatorConfig.builder(client()).rooms(ROOMS).count(100_000).seed(7)
                .faults(FAULTS).build());
        assertEquals(100_000, firstRun.readings());
        assertEquals(firstRun.sent(), firstRun.acked());
        assertEquals(0, firstRun.failed());
        assertTrue(firstRun.resumedFrom().isEmpty(), "empty topic, nothing to resume");

        Topic topic = readTopic(Map.of());
        endOfFirstRun = topic.end;
        FaultCounts f = firstRun.faults();
        assertEquals(firstRun.sent(), topic.records.size());
        assertEquals(f.malformed(), topic.undecodable);
        assertEachRoomInExactlyOnePartition(topic);

        Map<String, Map<Long, Integer>> copies = topic.copiesBySeq();
        assertEquals(ROOMS, copies.size());
        long extraCopies = 0;
        long missing = 0;
        for (String room : ReadingGenerator.roomIds(ROOMS)) {
            Map<Long, Integer> seqs = copies.get(room);
            long last = firstRun.nextSeq().get(room) - 1;
            assertEquals(last, seqs.keySet().stream().mapToLong(Long::longValue).max().orElseThrow(), room);
            assertTrue(seqs.keySet().stream().allMatch(s -> s >= 1), room);
            extraCopies += seqs.values().stream().mapToLong(c -> c - 1).sum();
            missing += last - seqs.size();   // seqs 1..last not present: the injected gaps
        }
        assertEquals(f.duplicates(), extraCopies, "copies beyond the first are exactly the injected duplicates");
        assertEquals(f.skippedSeqs(), missing, "missing seqs are exactly the injected gaps");
        assertEquals(100_000, topic.copiesBySeq().values().stream().mapToLong(Map::size).sum());
    }

    @Test
    @Order(2)
    void secondRunContinuesEverySequenceWithoutReuse() {
        SimulatorSummary second = Simulator.run(SimulatorConfig.builder(client()).rooms(ROOMS).count(10_000)
                .seed(8).build());
        assertEquals(0, second.failed());
        assertEquals(ROOMS, second.resumedFrom().size());

        Topic before = readTopic(Map.of());
        Topic after = readTopic(endOfFirstRun);
        assertEquals(second.sent(), after.records.size());
        Map<String, Map<Long, Integer>> old = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : before.records) {
            if (r.offset() < endOfFirstRun.get(new TopicPartition(r.topic(), r.partition()))) {
                Reading reading = Codec.decodeReading(r.value(), Long.MAX_VALUE / 4).value();
                if (reading != null) {
                    old.computeIfAbsent(reading.roomId(), k -> new HashMap<>()).merge(reading.seq(), 1, Integer::sum);
                }
            }
        }
        Map<String, Map<Long, Integer>> fresh = after.copiesBySeq();
        for (String room : ReadingGenerator.roomIds(ROOMS)) {
            long lastOfFirst = firstRun.nextSeq().get(room) - 1;
            assertEquals(lastOfFirst, second.resumedFrom().get(room).lastSeq(), room);
            List<Long> seqs = new ArrayList<>(fresh.get(room).keySet());
            assertEquals(lastOfFirst + 1, seqs.get(0), room + " continues right after the first run");
            assertEquals(lastOfFirst + seqs.size(), seqs.get(seqs.size() - 1), room + " contiguous without faults");
            assertTrue(fresh.get(room).values().stream().allMatch(c -> c == 1), room);
            assertFalse(seqs.stream().anyMatch(old.get(room)::containsKey), room + " reused a seq");
        }
        assertEachRoomInExactlyOnePartition(before);
    }

    @Test
    @Order(3)
    void afterTheTopicGrowsARoomThatMovedResumesFromThePartitionItHadBefore() throws Exception {
        Topic before = readTopic(Map.of());
        Map<String, Long> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : before.records) {
            Reading reading = Codec.decodeReading(r.value(), Long.MAX_VALUE / 4).value();
            if (reading != null) {
                last.merge(reading.roomId(), reading.seq(), Math::max);
            }
        }
        int partitions = before.end.size();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createPartitions(Map.of(Names.TOPIC_READINGS, NewPartitions.increaseTo(partitions * 2 + 1))).all()
                    .get();
        }
        long moved = ReadingGenerator.roomIds(ROOMS).stream().filter(room -> {
            byte[] key = room.getBytes(StandardCharsets.UTF_8);
            return BuiltInPartitioner.partitionForKey(key, partitions)
                    != BuiltInPartitioner.partitionForKey(key, partitions * 2 + 1);
        }).count();
        assertTrue(moved > 0, "no room moves");
        SimulatorSummary third = Simulator.run(SimulatorConfig.builder(client()).rooms(ROOMS).count(2_000)
                .seed(9).build());
        assertEquals(ROOMS, third.resumedFrom().size(), "every room resumed, the " + moved + " that moved too");
        for (String room : ReadingGenerator.roomIds(ROOMS)) {
            assertEquals(last.get(room), third.resumedFrom().get(room).lastSeq(), room);
        }
    }

    private static void assertEachRoomInExactlyOnePartition(Topic topic) {
        Map<String, Set<Integer>> partitions = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : topic.records) {
            partitions.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new HashSet<>())
                    .add(r.partition());
        }
        assertEquals(ROOMS, partitions.size());
        partitions.forEach((room, ps) -> assertEquals(1, ps.size(), room + " in partitions " + ps));
    }

    /** Every record of the readings topic from the given offsets (default: the beginning) to the end. */
    private static Topic readTopic(Map<TopicPartition, Long> from) {
        Properties p = client();
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("max.poll.records", "5000");
        Topic topic = new Topic();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Names.TOPIC_READINGS)) {
                tps.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(tps);
            topic.end = consumer.endOffsets(tps);
            for (TopicPartition tp : tps) {
                consumer.seek(tp, from.getOrDefault(tp, 0L));
            }
            long deadline = System.currentTimeMillis() + 120_000;
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < topic.end.get(tp))) {
                assertTrue(System.currentTimeMillis() < deadline, "topic not read within 120 s");
                consumer.poll(Duration.ofMillis(500)).forEach(topic::add);
            }
        }
        return topic;
    }

    /** The records read back, decoded. */
    private static final class Topic {
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        final List<Reading> readings = new ArrayList<>();
        Map<TopicPartition, Long> end;
        long undecodable;

        void add(ConsumerRecord<byte[], byte[]> r) {
            records.add(r);
            Decoded<Reading> d = Codec.decodeReading(r.value(), Long.MAX_VALUE / 4);
            if (d.isOk()) {
                readings.add(d.value());
            } else {
                undecodable++;
            }
        }

        /** Per room, per seq, how many copies the topic holds (seqs in ascending order). */
        Map<String, Map<Long, Integer>> copiesBySeq() {
            Map<String, Map<Long, Integer>> m = new HashMap<>();
            for (Reading r : readings) {
                m.computeIfAbsent(r.roomId(), k -> new TreeMap<>()).merge(r.seq(), 1, Integer::sum);
            }
            return m;
        }
    }
}
