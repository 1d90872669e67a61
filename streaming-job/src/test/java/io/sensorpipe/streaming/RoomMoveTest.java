package io.sensorpipe.streaming;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.Rerouted;
import io.sensorpipe.common.analytics.ArrivalOrder;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.state.PartitionStateStore;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A room that moves when {@code readings} grows from 2 to 3 partitions keeps its analytics: the partition it moves to
 * takes its state from the partition it left, and a reading that still reaches the old partition (a producer with old
 * metadata) is rerouted and judged on the new one. The job's output equals the reference in {@link ArrivalOrder}.
 */
class RoomMoveTest {
    private static final AnalyticsSettings ANALYTICS = AnalyticsSettings.of(Duration.ofSeconds(60),
            Duration.ofSeconds(30));
    private static final String TOPIC = "readings";

    /** A room on partition 0 of 2 that belongs to partition 2 of 3. */
    private static String movingRoom() {
        for (int i = 0; ; i++) {
            byte[] key = ("room-" + i).getBytes(StandardCharsets.UTF_8);
            if (BuiltInPartitioner.partitionForKey(key, 2) == 0 && BuiltInPartitioner.partitionForKey(key, 3) == 2) {
                return "room-" + i;
            }
        }
    }

    private static InputRecord record(int partition, long offset, Reading r) {
        return new InputRecord(TOPIC, partition, offset, r.roomId().getBytes(StandardCharsets.UTF_8), Codec.encode(r),
                System.currentTimeMillis());
    }

    @Test
    void roomThatMovesKeepsItsStateAndLateArrivalsOnTheOldPartitionAreJudgedOnTheNewOne() {
        JobSettings settings = new JobSettings(ANALYTICS, "alpha", "readings.dlq",
                Map.of("bootstrap.servers", "room-move:" + System.nanoTime()));
        MemoryJobIo io = new MemoryJobIo("move-" + System.nanoTime(), settings);
        PartitionStateStore.clear();
        String room = movingRoom();
        long t0 = 1_700_000_000_000L;
        List<Reading> sent = new ArrayList<>();
        List<InputRecord> before = new ArrayList<>();
        for (int seq = 1; seq <= 10; seq++) {
            Reading r = new Reading(room, seq, t0 + seq * 1000L, 20 + seq * 0.5);
            sent.add(r);
            before.add(record(0, seq - 1, r));
        }
        // batch 1: two partitions, the room on partition 0
        new PartitionTask(settings, io).run(new InputRange(TOPIC, 0, 0, 10), before.iterator(),
                new InputPartitions(TOPIC, 2, Map.of(0, 0L, 1, 0L)));

        // batch 2: three partitions; a stale producer writes seq 11 to partition 0, a fresh one 12 and 13 to 2
        InputPartitions three = new InputPartitions(TOPIC, 3, Map.of(0, 10L, 1, 0L, 2, 0L));
        Reading stale = new Reading(room, 11, t0 + 11_000, 26.0);
        Reading r12 = new Reading(room, 12, t0 + 12_000, 26.5);
        Reading r13 = new Reading(room, 13, t0 + 13_000, 27.0);
        MicroBatchCounts old = new PartitionTask(settings, io).run(new InputRange(TOPIC, 0, 10, 11),
                List.of(record(0, 10, stale)).iterator(), three);
        assertEquals(0, old.derived(), "the old partition derives nothing for a room that moved");
        List<MemoryJobIo.Stored> rerouted = io.written(TOPIC);
        assertEquals(1, rerouted.size(), "the stale reading is written again");
        assertEquals(2, rerouted.get(0).partition(), "to its room's partition");
        assertTrue(rerouted.get(0).headers()[0].key().equals(Rerouted.HEADER));
        new PartitionTask(settings, io).run(new InputRange(TOPIC, 2, 0, 2),
                List.of(record(2, 0, r12), record(2, 1, r13)).iterator(), three);
        // batch 3: the rerouted copy arrives on partition 2 after 12 and 13
        new PartitionTask(settings, io).run(new InputRange(TOPIC, 2, 2, 3),
                List.of(record(2, 2, stale)).iterator(), new InputPartitions(TOPIC, 3, Map.of(0, 11L, 1, 0L, 2, 2L)));

        List<DerivedRecord> out = new ArrayList<>();
        io.written("alpha").forEach(s -> out.add(Codec.decodeDerived(s.value()).value()));
        out.sort(java.util.Comparator.comparingLong(DerivedRecord::seq));   // two partitions' logs, in any order
        DerivedRecord first = out.stream().filter(d -> d.seq() == 12).findFirst().orElseThrow();
        assertNotNull(first.change(), "the moved room's first reading on its new partition is not a first reading");
        assertEquals(26.5 - 25.0, first.change(), 1e-9);
        assertEquals(1, first.gap(), "seq 11 had not arrived on the room's partition yet");
        assertEquals(11, first.rollingCount(), "the window holds the 10 readings from before the move");

        // the reference, in arrival order: partition 0 up to the move, then partition 2 (the copy at its place)
        record Arrived(Reading r, int partition, long offset) {
        }
        List<Arrived> arrived = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            arrived.add(new Arrived(sent.get(i), 0, i));
        }
        arrived.add(new Arrived(r12, 2, 0));
        arrived.add(new Arrived(r13, 2, 1));
        arrived.add(new Arrived(stale, 2, 2));
        List<Reading> inOrder = ArrivalOrder.ofRoom(arrived, Arrived::partition, Arrived::offset, a -> a.r().seq())
                .stream().map(Arrived::r).toList();
        assertEquals(ReferenceAnalytics.compute(inOrder, Duration.ofSeconds(60), Duration.ofSeconds(30)), out);
    }
}
