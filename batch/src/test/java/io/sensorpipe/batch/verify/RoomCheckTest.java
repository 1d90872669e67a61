package io.sensorpipe.batch.verify;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomCheckTest {
    private static final Duration W = Duration.ofSeconds(60);
    private static final Duration L = Duration.ofSeconds(300);

    /** 200 readings a second apart, with a few out-of-order and one too-late ts. */
    private static List<Reading> readings() {
        List<Reading> out = new ArrayList<>();
        Random random = new Random(7);
        for (int seq = 1; seq <= 200; seq++) {
            long ts = 1_700_000_000_000L + seq * 1_000L - (seq % 17 == 0 ? 5_000 : 0) - (seq == 150 ? 400_000 : 0);
            out.add(new Reading("room-004", seq, ts, Math.round((20 + random.nextGaussian()) * 100) / 100.0));
        }
        return out;
    }

    /** The readings as arrived in this order, at offsets 0, 1, 2 ... of partition 0. */
    private static List<ArrivedReading> arrived(List<Reading> readings) {
        List<ArrivedReading> out = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            out.add(new ArrivedReading(readings.get(i), 0, i));
        }
        return out;
    }

    @Test
    void lowerSeqArrivingAfterAHigherOneIsJudgedADuplicateAsTheJobDoes() {
        List<Reading> readings = new ArrayList<>(readings());
        Collections.swap(readings, 40, 41);   // seq 42 arrives before seq 41: 41 is a duplicate for the job
        List<DerivedRecord> stored = ReferenceAnalytics.compute(readings, W, L);
        VerifyReport r = new RoomCheck(W, L, 10).check(arrived(readings), stored);
        assertTrue(r.clean(), r.examples().toString());
        assertEquals(198, r.expected());
    }

    @Test
    void storeHoldingExactlyTheReferenceRecordsIsClean() {
        List<Reading> readings = readings();
        List<DerivedRecord> stored = ReferenceAnalytics.compute(readings, W, L);
        VerifyReport r = new RoomCheck(W, L, 10).check(arrived(readings), stored);
        assertTrue(r.clean(), r.examples().toString());
        assertEquals(200, r.readings());
        assertEquals(199, r.expected());                    // seq 150 is too late
    }

    @Test
    void readingsInAnyStoredOrderAreReplayedInArrivalOrder() {
        List<Reading> readings = readings();
        List<DerivedRecord> stored = ReferenceAnalytics.compute(readings, W, L);
        List<ArrivedReading> shuffled = new ArrayList<>(arrived(readings));
        Collections.shuffle(shuffled, new Random(3));
        assertTrue(new RoomCheck(W, L, 10).check(shuffled, stored).clean());
    }

    @Test
    void recordsComputedWithAnotherWindowMismatch() {
        List<Reading> readings = readings();
        List<DerivedRecord> stored = ReferenceAnalytics.compute(readings, Duration.ofSeconds(30), L);
        VerifyReport r = new RoomCheck(W, L, 10).check(arrived(readings), stored);
        assertEquals(199, r.mismatching());
        assertTrue(r.examples().get(0).detail().contains("windowSeconds expected 60 stored 30"));
    }
}
