package io.sensorpipe.streaming;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.state.PartitionStateStore;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A partition rebuilt from its output alone (no snapshot: none configured, a damaged or unknown one) reads its own
 * output partition only when no room can have history elsewhere, i.e. when every output partition begins with records
 * derived at the input's current partition count; after a growth it still takes the moved rooms over.
 */
class RestoreWithoutSnapshotTest {
    private static final AnalyticsSettings ANALYTICS = AnalyticsSettings.of(Duration.ofSeconds(60),
            Duration.ofSeconds(30));
    private static final String TOPIC = "readings";
    private static final long T0 = 1_700_000_000_000L;

    private static JobSettings settings() {
        return new JobSettings(ANALYTICS, "alpha", "readings.dlq",
                Map.of("bootstrap.servers", "restore-no-snapshot:" + System.nanoTime()));
    }

    private static InputRecord record(int partition, long offset, Reading r) {
        return new InputRecord(TOPIC, partition, offset, r.roomId().getBytes(StandardCharsets.UTF_8), Codec.encode(r),
                System.currentTimeMillis());
    }

    private static int owner(String room, int partitions) {
        return BuiltInPartitioner.partitionForKey(room.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** Runs one batch of {@code perRoom} readings per room (seqs from {@code fromSeq}) on every partition. */
    private static Map<Integer, Long> batch(JobSettings settings, MemoryJobIo io, int partitions, List<String> rooms,
                                            int fromSeq, int perRoom, Map<Integer, Long> cut) {
        Map<Integer, List<InputRecord>> byPartition = new HashMap<>();
        Map<Integer, Long> next = new HashMap<>(cut);
        for (int seq = fromSeq; seq < fromSeq + perRoom; seq++) {
            for (String room : rooms) {
                int p = owner(room, partitions);
                long offset = next.merge(p, 1L, Long::sum) - 1;
                byPartition.computeIfAbsent(p, k -> new ArrayList<>())
                        .add(record(p, offset, new Reading(room, seq, T0 + seq * 1000L, 20 + seq * 0.25)));
            }
        }
        InputPartitions topic = new InputPartitions(TOPIC, partitions, cut);
        byPartition.forEach((p, records) -> new PartitionTask(settings, io).run(new InputRange(TOPIC, p, cut.get(p),
                next.get(p)), records.iterator(), topic));
        return next;
    }

    private static List<String> rooms(int n) {
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rooms.add("room-" + i);
        }
        return rooms;
    }

    @Test
    void restartAtTheSamePartitionCountRestoresEachPartitionFromItsOwnOutputOnly() {
        JobSettings settings = settings();
        MemoryJobIo io = new MemoryJobIo("same-count-" + System.nanoTime(), settings);
        PartitionStateStore.clear();
        List<String> rooms = rooms(12);
        Map<Integer, Long> cut = batch(settings, io, 3, rooms, 1, 5, Map.of(0, 0L, 1, 0L, 2, 0L));
        long firstStart = io.restores();

        PartitionStateStore.clear();   // a restart, no snapshots: each state is rebuilt from its output partition
        batch(settings, io, 3, rooms, 6, 1, cut);
        assertEquals(3, io.restores() - firstStart, "3 partitions rebuilt, each from its own output only");

        for (DerivedRecord d : derived(io)) {
            if (d.seq() == 6) {
                assertEquals(6, d.rollingCount(), d.roomId() + ": the rebuilt state holds the room's 5 readings");
            }
        }
    }

    @Test
    void restartAfterAGrowthStillTakesTheMovedRoomsOver() {
        JobSettings settings = settings();
        MemoryJobIo io = new MemoryJobIo("grown-" + System.nanoTime(), settings);
        PartitionStateStore.clear();
        List<String> rooms = rooms(12);
        Map<Integer, Long> cut = batch(settings, io, 2, rooms, 1, 5, Map.of(0, 0L, 1, 0L));
        Map<Integer, Long> three = new HashMap<>(cut);
        three.put(2, 0L);
        cut = batch(settings, io, 3, rooms, 6, 1, three);

        PartitionStateStore.clear();   // a restart after the growth, no snapshots
        batch(settings, io, 3, rooms, 7, 1, cut);
        for (DerivedRecord d : derived(io)) {
            if (d.seq() >= 6) {
                assertEquals(d.seq(), d.rollingCount(), d.roomId() + " seq " + d.seq()
                        + ": the room's readings from before the move are in its window");
            }
        }
    }

    private static List<DerivedRecord> derived(MemoryJobIo io) {
        List<DerivedRecord> out = new ArrayList<>();
        io.written("alpha").forEach(s -> out.add(Codec.decodeDerived(s.value()).value()));
        return out;
    }
}
