package io.sensorpipe.reliability.traffic;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.NetPromise;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 4, partition growth: {@code readings} grows from 6 to 8 partitions while the job runs. The job follows
 * without a restart (alpha is grown to 8; both sinks read the new partitions), and the rooms that move keep correct
 * analytics: the first reading of a moved room on its new partition continues its history (change, gap, window), and
 * readings a producer with old metadata still writes to a room's old partition are rerouted and judged on the new one.
 * Ends with the net promise: the independent recomputation and {@code verify} agree with every derived record.
 */
@WithStack("partition-growth")
class PartitionGrowthIntegrationTest {
    private static final int ROOMS = 24;
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void roomsThatMoveWhenReadingsGrowsKeepTheirAnalytics() throws Exception {
        ChildProcess job = stack.runWhenReady("stream", List.of("stream", "--batch-interval", "1s"), Ready.STREAM);
        ChildProcess sinkRaw = stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        ChildProcess sinkDerived = stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        Readings readings = new Readings(3);
        List<String> rooms = new ArrayList<>();
        List<String> moving = new ArrayList<>();
        Map<String, Integer> oldPartition = new HashMap<>();
        for (int i = 0; i < ROOMS; i++) {
            String room = "room-" + i;
            byte[] key = room.getBytes(StandardCharsets.UTF_8);
            rooms.add(room);
            oldPartition.put(room, BuiltInPartitioner.partitionForKey(key, 6));
            if (BuiltInPartitioner.partitionForKey(key, 6) != BuiltInPartitioner.partitionForKey(key, 8)) {
                moving.add(room);
            }
        }
        assertTrue(moving.size() >= 4, "rooms that move: " + moving);
        try (KafkaProducer<byte[], byte[]> before = Readings.producer(stack.bootstrap(), null)) {
            send(before, readings, rooms, 20);
        }
        TopicReader topics = new TopicReader(stack.bootstrap());
        Waits.until("the readings before the growth derived", Duration.ofMinutes(3),
                () -> topics.endOffsetTotal(Names.TOPIC_ALPHA) >= ROOMS * 20L);

        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrap()))) {
            admin.createPartitions(Map.of(Names.TOPIC_READINGS, NewPartitions.increaseTo(8))).all().get();
        }
        Waits.until("the job sees 8 partitions", Duration.ofMinutes(2),
                () -> job.logLines().stream().anyMatch(l -> l.contains("grew from 6 to 8 partitions")));
        // a producer created now knows 8 partitions; one with old metadata writes a moved room to its old partition
        try (KafkaProducer<byte[], byte[]> after = Readings.producer(stack.bootstrap(), null)) {
            send(after, readings, rooms, 20);
            for (String room : moving) {
                for (int i = 0; i < 5; i++) {
                    Reading r = readings.next(room);
                    after.send(new ProducerRecord<>(Names.TOPIC_READINGS, oldPartition.get(room),
                            room.getBytes(StandardCharsets.UTF_8), Codec.encode(r))).get();
                }
            }
        }

        NetPromise promise = NetPromise.check(stack, db, Duration.ofSeconds(60), Duration.ofSeconds(300), 0);
        Map<String, DerivedRecord> bySeq = new HashMap<>();
        long onNew = 0;
        for (ConsumerRecord<byte[], byte[]> r : topics.readAll(Names.TOPIC_ALPHA)) {
            DerivedRecord d = Codec.decodeDerived(r.value()).value();
            bySeq.put(d.id(), d);
            onNew += r.partition() >= 6 ? 1 : 0;
        }
        for (String room : moving) {
            DerivedRecord first = bySeq.get(room + ":21");
            assertNotNull(first, "the moved room's first reading after the growth was derived: " + room);
            assertNotNull(first.change(), room + ":21 was computed as a room's first reading");
            assertEquals(0, first.gap(), room + ":21 gap");
            assertNotNull(bySeq.get(room + ":45"), "the reading written to the old partition was derived: " + room);
        }
        assertEquals((long) ROOMS * 40 + moving.size() * 5L, promise.expected(), "every reading accepted");
        assertTrue(onNew > 0, "derived records on alpha partitions 6 and 7");
        assertTrue(job.logLines().stream().anyMatch(l -> l.contains("took over") && l.contains("rooms that belong")),
                "no take-over line in the job's log");
        assertTrue(job.logLines().stream().anyMatch(l -> l.contains("written again to their rooms' partitions")),
                "no reroute line in the job's log");
        Results.record("partition growth", String.format("readings 6 -> 8 partitions while the job ran, %d rooms of"
                        + " %d moved; %d readings written to a moved room's old partition after the growth; alpha %d"
                        + " records on partitions 6-7; %s; job and sinks alive %b %b %b", moving.size(), ROOMS,
                moving.size() * 5, onNew, promise.line(), job.isAlive(), sinkRaw.isAlive(), sinkDerived.isAlive()));
        assertTrue(job.isAlive() && sinkRaw.isAlive() && sinkDerived.isAlive(), "a component stopped");
    }

    /** {@code n} readings of each room, keyed by room (the default partitioner places them). */
    private static void send(KafkaProducer<byte[], byte[]> producer, Readings readings, List<String> rooms, int n)
            throws Exception {
        for (int i = 0; i < n; i++) {
            for (String room : rooms) {
                producer.send(Readings.record(Names.TOPIC_READINGS, readings.next(room)));
            }
        }
        producer.flush();
    }
}
