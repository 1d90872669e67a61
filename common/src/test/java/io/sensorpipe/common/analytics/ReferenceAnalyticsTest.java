package io.sensorpipe.common.analytics;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReferenceAnalyticsTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final Duration W = Duration.ofSeconds(60);
    private static final Duration L = Duration.ofSeconds(300);

    private static Reading r(String room, long seq, long secondsAfterT0, double temperature) {
        return new Reading(room, seq, T0 + secondsAfterT0 * 1000, temperature);
    }

    private static List<DerivedRecord> compute(Reading... readings) {
        return ReferenceAnalytics.compute(List.of(readings), W, L);
    }

    @Test
    void firstReadingOfRoomHasNullChangeZeroGapAndWindowOfItself() {
        DerivedRecord a = compute(r("a", 5, 0, 20.5)).get(0);
        assertNull(a.change());
        assertEquals(0, a.gap());
        assertEquals(20.5, a.rollingAvg());
        assertEquals(1, a.rollingCount());
        assertEquals(60, a.windowSeconds());
    }

    @Test
    void changeAndGapFollowThePreviousAcceptedReading() {
        List<DerivedRecord> out = compute(r("a", 1, 0, 20.0), r("a", 4, 10, 21.5));
        assertEquals(1.5, out.get(1).change());
        assertEquals(2, out.get(1).gap());
        assertEquals(20.75, out.get(1).rollingAvg());
        assertEquals(20.0, out.get(1).rollingMin());
        assertEquals(21.5, out.get(1).rollingMax());
    }

    @Test
    void duplicatesAndLowerSeqsProduceNothing() {
        List<DerivedRecord> out = compute(r("a", 1, 0, 20.0), r("a", 2, 1, 21.0), r("a", 2, 1, 21.0),
                r("a", 1, 0, 20.0), r("a", 3, 2, 22.0));
        assertEquals(List.of(1L, 2L, 3L), out.stream().map(DerivedRecord::seq).toList());
        assertEquals(1, out.get(2).change());
    }

    @Test
    void tooLateReadingIsNotAcceptedAndDoesNotBecomeThePrevious() {
        List<DerivedRecord> out = compute(r("a", 1, 1000, 20.0), r("a", 2, 699, 30.0), r("a", 3, 700, 22.0));
        assertEquals(List.of(1L, 3L), out.stream().map(DerivedRecord::seq).toList());
        assertEquals(1, out.get(1).gap());
        assertEquals(2.0, out.get(1).change(), 1e-12);
    }

    @Test
    void windowUsesEventTimeExcludesTheLowerBoundAndLaterSeqs() {
        // seq 2 arrives with an earlier ts (out of order); seq 3's window (ts 60] covers (0, 60]: seq 1 at ts 0 is out
        List<DerivedRecord> out = compute(r("a", 1, 0, 10.0), r("a", 2, 30, 20.0), r("a", 3, 60, 30.0),
                r("a", 4, 20, 40.0));
        assertEquals(2, out.get(2).rollingCount());
        assertEquals(25.0, out.get(2).rollingAvg());
        // seq 4 at ts 20: window (-40, 20] holds seq 1 (ts 0) and itself, not seq 2/3 with later ts
        assertEquals(2, out.get(3).rollingCount());
        assertEquals(25.0, out.get(3).rollingAvg());
        assertEquals(10.0, out.get(3).rollingMin());
        assertEquals(40.0, out.get(3).rollingMax());
    }

    @Test
    void roomsAreIndependent() {
        List<DerivedRecord> out = compute(r("a", 1, 0, 10.0), r("b", 1, 0, 50.0), r("a", 2, 1, 12.0));
        assertNull(out.get(1).change());
        assertEquals(2.0, out.get(2).change(), 1e-12);
        assertEquals(11.0, out.get(2).rollingAvg());
    }

    @Test
    void longInputGivesTheSameResultAsWithoutForgetting() {
        List<Reading> in = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            in.add(r("a", i, i * 7L % 400 + i / 2, 20 + i % 13 * 0.1));
        }
        List<DerivedRecord> out = ReferenceAnalytics.compute(in, W, L);
        // the last reading's window computed by brute force over every accepted reading
        DerivedRecord last = out.get(out.size() - 1);
        double sum = 0;
        int count = 0;
        for (DerivedRecord a : out) {
            if (a.tsMillis() > last.tsMillis() - 60_000 && a.tsMillis() <= last.tsMillis()) {
                sum += a.temperature();
                count++;
            }
        }
        assertEquals(count, last.rollingCount());
        assertEquals(sum / count, last.rollingAvg());
    }
}
