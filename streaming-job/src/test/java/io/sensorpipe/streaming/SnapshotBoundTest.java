package io.sensorpipe.streaming;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.state.PartitionStateStore;
import io.sensorpipe.streaming.state.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a restore replays is bounded in records, not only by the snapshot interval: while output flows faster than
 * the interval allows for, a snapshot follows at most an eighth of the state's readings in derived records (at least
 * 5,000), so a restart at any moment replays at most that plus one batch.
 */
class SnapshotBoundTest {
    private static final AnalyticsSettings ANALYTICS = AnalyticsSettings.of(Duration.ofSeconds(60),
            Duration.ofSeconds(30));
    private static final String TOPIC = "readings";
    private static final long T0 = 1_700_000_000_000L;
    private static final int ROOMS = 100;
    private static final int PER_ROOM_PER_BATCH = 10;

    @TempDir
    Path stateDir;

    @Test
    void aRestoreNeverReplaysMoreThanTheBoundPlusOneBatch() throws Exception {
        // an hour's interval: only the count bound can cause the later snapshots
        JobSettings settings = new JobSettings(ANALYTICS, "alpha", "readings.dlq",
                Map.of("bootstrap.servers", "snapshot-bound:" + System.nanoTime()), stateDir.toString(), 3_600_000L);
        MemoryJobIo io = new MemoryJobIo("snapshot-bound-" + System.nanoTime(), settings);
        PartitionStateStore.clear();
        long offset = 0;
        int seq = 1;
        long worst = 0;
        long held = 0;
        for (int batch = 0; batch < 40; batch++) {
            List<InputRecord> records = new ArrayList<>();
            for (int i = 0; i < PER_ROOM_PER_BATCH; i++, seq++) {
                for (int room = 0; room < ROOMS; room++) {
                    Reading r = new Reading("room-" + room, seq, T0 + seq * 1000L, 20 + seq * 0.01);
                    records.add(new InputRecord(TOPIC, 0, offset++, r.roomId().getBytes(StandardCharsets.UTF_8),
                            Codec.encode(r), T0));
                }
            }
            InputRange range = new InputRange(TOPIC, 0, offset - records.size(), offset);
            MicroBatchCounts counts = new PartitionTask(settings, io).run(range, records.iterator(),
                    new InputPartitions(TOPIC, 1, Map.of(0, range.from())));
            held = counts.states().get(TOPIC + "-0").readings();
            Snapshots.Restored newest = Snapshots.newest(stateDir, TOPIC, 0, offset, ANALYTICS);
            assertNotNull(newest, "a snapshot after batch " + batch);
            // every reading is accepted and derives one record: input offsets count the output replayed
            worst = Math.max(worst, offset - newest.nextOffset());
        }
        long bound = 5_000;   // the state holds ~9,100 readings: an eighth is less than the 5,000 at least
        long batch = (long) ROOMS * PER_ROOM_PER_BATCH;
        assertTrue(held > 8_000, "the state holds W + L of readings per room: " + held);
        assertTrue(worst <= bound + batch, "a restore would have replayed " + worst + " records after the newest"
                + " snapshot; the bound is " + bound + " plus one batch of " + batch);
    }
}
