package io.sensorpipe.streaming.state;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import io.sensorpipe.streaming.testdata.FaultyReadings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotsTest {
    private static final AnalyticsSettings S = AnalyticsSettings.of(java.time.Duration.ofSeconds(60),
            java.time.Duration.ofSeconds(30));

    @TempDir
    Path dir;

    private static List<DerivedRecord> feed(PartitionAnalytics state, List<Reading> readings) {
        List<DerivedRecord> out = new ArrayList<>();
        readings.forEach(r -> out.add(state.process(r)));
        out.removeIf(Objects::isNull);
        return out;
    }

    @Test
    void stateRestoredFromASnapshotContinuesExactlyLikeTheUninterruptedState() throws Exception {
        List<Reading> readings = FaultyReadings.generate(7, 30, 20_000);
        PartitionAnalytics uninterrupted = new PartitionAnalytics(S);
        List<DerivedRecord> expected = feed(uninterrupted, readings);

        PartitionAnalytics first = new PartitionAnalytics(S);
        List<DerivedRecord> got = feed(first, readings.subList(0, 12_345));
        first.outputPosition(777);
        Snapshots.write(dir, "readings", 3, 12_345, first);
        Snapshots.Restored restored = Snapshots.newest(dir, "readings", 3, 12_345, S);
        assertNotNull(restored);
        assertEquals(777, restored.state().outputPosition());
        assertEquals(first.heldReadings(), restored.state().heldReadings());
        assertArrayEquals(Snapshots.encode(12_345, first), Snapshots.encode(12_345, restored.state()),
                "the same state gives the same bytes");
        got.addAll(feed(restored.state(), readings.subList(12_345, readings.size())));
        assertEquals(expected, got);
    }

    @Test
    void newerSnapshotsThanTheRestorePositionAreNotCommittedWorkAndOnlyTheNewestKeptOnesRemain() throws Exception {
        PartitionAnalytics state = new PartitionAnalytics(S);
        for (long next : new long[] {100, 200, 300, 400}) {
            feed(state, List.of(new Reading("room-1", next, FaultyReadings.START_MILLIS + next, 20.0)));
            Snapshots.write(dir, "readings", 0, next, state);
        }
        try (var files = Files.list(dir.resolve("readings-0"))) {
            assertEquals(Snapshots.KEEP, files.count());
        }
        assertEquals(300, Snapshots.newest(dir, "readings", 0, 399, S).nextOffset());
        assertEquals(400, Snapshots.newest(dir, "readings", 0, 400, S).nextOffset());
        assertNull(Snapshots.newest(dir, "readings", 0, 150, S), "the snapshot of 100 was deleted");
    }

    @Test
    void unknownVersionDamageAndOtherSettingsAreNeverTrusted() throws Exception {
        PartitionAnalytics state = new PartitionAnalytics(S);
        feed(state, FaultyReadings.generate(3, 5, 500));
        byte[] good = Snapshots.encode(50, state);
        byte[] otherVersion = good.clone();
        ByteBuffer.wrap(otherVersion).putInt(4, Snapshots.VERSION + 1);
        fixCrc(otherVersion);
        assertTrue(assertThrows(java.io.IOException.class, () -> Snapshots.decode(otherVersion, 50, S)).getMessage()
                .contains("format version " + (Snapshots.VERSION + 1)));
        byte[] damaged = good.clone();
        damaged[damaged.length / 2] ^= 1;
        assertTrue(assertThrows(java.io.IOException.class, () -> Snapshots.decode(damaged, 50, S)).getMessage()
                .contains("checksum"));
        AnalyticsSettings other = AnalyticsSettings.of(java.time.Duration.ofSeconds(60),
                java.time.Duration.ofSeconds(300));
        assertTrue(assertThrows(java.io.IOException.class, () -> Snapshots.decode(good, 50, other)).getMessage()
                .contains("computed with"));

        Path p = dir.resolve("readings-1");
        Files.createDirectories(p);
        Files.write(p.resolve(String.format("snapshot-%019d.bin", 50)), good);
        Files.write(p.resolve(String.format("snapshot-%019d.bin", 60)), otherVersion);
        assertEquals(50, Snapshots.newest(dir, "readings", 1, 100, S).nextOffset(),
                "the unreadable newer snapshot is skipped for the older good one");
    }

    private static void fixCrc(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
    }
}
