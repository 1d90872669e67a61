package io.sensorpipe.streaming.analytics;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.streaming.testdata.FaultyReadings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionAnalyticsTest {
    private static final long T0 = FaultyReadings.START_MILLIS;

    private final PartitionAnalytics analytics = new PartitionAnalytics(AnalyticsSettings.DEFAULTS);

    private static Reading reading(String room, long seq, long secondsAfterT0, double temperature) {
        return new Reading(room, seq, T0 + secondsAfterT0 * 1000, temperature);
    }

    @Test
    void restoringPublishedRecordsNeverJudgesThemAgain() {
        // published with L = 300 s: seq 2 was 200 s late but within the lateness
        List<DerivedRecord> published = new ArrayList<>();
        published.add(analytics.process(reading("room-1", 1, 400, 20.0)));
        published.add(analytics.process(reading("room-1", 2, 200, 21.0)));
        published.add(analytics.process(reading("room-1", 3, 401, 22.0)));
        // restored into state whose lateness is only 60 s: every published record must still be there
        PartitionAnalytics restored = new PartitionAnalytics(new AnalyticsSettings(60_000, 60_000));
        published.forEach(restored::restore);
        published.forEach(restored::restore);   // a replayed copy changes nothing
        assertEquals(0, restored.tooLate(), "a restored record was judged too late again");
        DerivedRecord next = restored.process(reading("room-1", 4, 402, 23.0));
        assertEquals(1.0, next.change(), "change is taken from the last published reading");
        assertEquals(0, next.gap(), "no reading went missing");
    }

    @Test
    void firstReadingOfRoomHasNoChangeAndNoGap() {
        DerivedRecord a = analytics.process(reading("room-1", 17, 0, 21.5));
        assertNull(a.change());
        assertEquals(0, a.gap());
        assertEquals(1, a.rollingCount());
        assertEquals(21.5, a.rollingAvg());
        assertEquals(60, a.windowSeconds());
    }

    @Test
    void duplicateSeqProducesNothingAndIsCounted() {
        analytics.process(reading("room-1", 1, 0, 20.0));
        analytics.process(reading("room-1", 2, 1, 20.5));
        assertNull(analytics.process(reading("room-1", 2, 1, 20.5)));
        assertNull(analytics.process(reading("room-1", 1, 0, 20.0)));
        assertEquals(2, analytics.duplicates());
        assertEquals(0.5, analytics.process(reading("room-1", 3, 2, 21.0)).change());
    }

    @Test
    void aDuplicateIsComparedWithTheAcceptedReadingOfItsSeqWhileTheStateHoldsIt() {
        analytics.process(reading("room-1", 1, 0, 20.0));
        analytics.process(reading("room-1", 3, 2, 20.5));
        assertNull(analytics.process(reading("room-1", 3, 2, 20.5)));
        assertEquals(Judgement.DUPLICATE, analytics.lastJudgement(), "the same bytes again: a plain re-send");
        assertNull(analytics.process(reading("room-1", 3, 2, 25.0)));
        assertEquals(Judgement.CONFLICTING_DUPLICATE, analytics.lastJudgement(), "another temperature");
        assertNull(analytics.process(reading("room-1", 1, 9, 20.0)));
        assertEquals(Judgement.CONFLICTING_DUPLICATE, analytics.lastJudgement(), "another event time");
        assertNull(analytics.process(reading("room-1", 2, 1, 20.2)));
        assertEquals(Judgement.OUT_OF_ORDER, analytics.lastJudgement(), "seq 2 was never accepted: 3 came first");
        assertEquals(4, analytics.duplicates(), "all of them count as duplicates");
        assertEquals(0.5, analytics.process(reading("room-1", 4, 3, 21.0)).change(), "none became the previous");
    }

    @Test
    void aDuplicateOlderThanTheHeldReadingsCannotBeComparedAndIsAPlainDuplicate() {
        // W + L = 360 s: seq 1 (ts 0) is forgotten once the room's newest event time is 400 s
        analytics.process(reading("room-1", 1, 0, 20.0));
        analytics.process(reading("room-1", 2, 400, 20.0));
        assertNull(analytics.process(reading("room-1", 1, 0, 99.0)));
        assertEquals(Judgement.DUPLICATE, analytics.lastJudgement());
        assertNull(analytics.process(reading("room-1", 5, 10, 20.0)));
        assertEquals(Judgement.TOO_LATE, analytics.lastJudgement());
    }

    @Test
    void gapCountsTheSeqsMissingSinceThePreviousAcceptedReading() {
        analytics.process(reading("room-1", 1, 0, 20.0));
        DerivedRecord a = analytics.process(reading("room-1", 5, 4, 20.0));
        assertEquals(3, a.gap());
    }

    @Test
    void outOfOrderEventTimeIsAcceptedAndWindowedByEventTime() {
        analytics.process(reading("room-1", 1, 100, 10.0));
        analytics.process(reading("room-1", 2, 150, 20.0));
        DerivedRecord late = analytics.process(reading("room-1", 3, 50, 30.0));
        assertNotNull(late);
        assertEquals(10.0, late.change());
        // window (-10 s, 50 s] holds only the reading itself: seq 1 and 2 have later event times
        assertEquals(1, late.rollingCount());
        DerivedRecord next = analytics.process(reading("room-1", 4, 151, 40.0));
        // window (91, 151]: seq 1 (100), seq 2 (150), seq 4; not seq 3 (50)
        assertEquals(3, next.rollingCount());
        assertEquals(70.0 / 3, next.rollingAvg());
    }

    @Test
    void readingLaterThanTheLatenessIsCountedAndNotAccepted() {
        analytics.process(reading("room-1", 1, 1000, 20.0));
        assertNull(analytics.process(reading("room-1", 2, 699, 25.0)));
        assertEquals(1, analytics.tooLate());
        DerivedRecord a = analytics.process(reading("room-1", 3, 700, 21.0));
        assertEquals(1.0, a.change());
        assertEquals(1, a.gap());
    }

    @Test
    void windowEvictsReadingsAtOrBeforeTsMinusW() {
        analytics.process(reading("room-1", 1, 0, 10.0));
        analytics.process(reading("room-1", 2, 30, 20.0));
        DerivedRecord a = analytics.process(reading("room-1", 3, 60, 60.0));
        assertEquals(2, a.rollingCount());
        assertEquals(40.0, a.rollingAvg());
        assertEquals(20.0, a.rollingMin());
        assertEquals(60.0, a.rollingMax());
    }

    @Test
    void manyRoomsInterleavedKeepSeparateState() {
        for (int i = 0; i < 10; i++) {
            for (int room = 0; room < 50; room++) {
                DerivedRecord a = analytics.process(reading("room-" + room, i + 1, i, room + i));
                assertEquals(i == 0 ? null : 1.0, a.change());
                assertEquals(i + 1, a.rollingCount());
                assertEquals(room + i / 2.0, a.rollingAvg(), 1e-9);
            }
        }
        assertEquals(50, analytics.rooms());
    }

    @Test
    void stateStaysBoundedByWindowPlusLateness() {
        for (int i = 1; i <= 10_000; i++) {
            analytics.process(reading("room-1", i, i, 20.0));
        }
        // one reading a second: ts in (maxTs - 360 s, maxTs] is 360 readings
        assertEquals(360, analytics.heldReadings("room-1"));
    }

    @Test
    void sameInputCutIntoDifferentBatchesGivesIdenticalOutput() {
        List<Reading> input = FaultyReadings.generate(7, 10, 2_000);
        List<DerivedRecord> whole = runInBatches(input, input.size(), false);
        for (int batchSize : new int[] {1, 7, 100, 999}) {
            assertEquals(whole, runInBatches(input, batchSize, false), "batches of " + batchSize);
        }
        for (int batchSize : new int[] {7, 100, 999}) {
            assertEquals(whole, runInBatches(input, batchSize, true), "batches of " + batchSize + " with restarts");
        }
        List<Reading> head = input.subList(0, 500);
        assertEquals(runInBatches(head, head.size(), false), runInBatches(head, 1, true), "one reading per batch, restarts");
    }

    @Test
    void matchesReferenceAnalyticsOnRandomStreamWithFaults() {
        List<Reading> input = FaultyReadings.generate(42, 30, 20_000);
        List<DerivedRecord> expected = ReferenceAnalytics.compute(input, Duration.ofSeconds(60), Duration.ofSeconds(300));
        List<DerivedRecord> actual = input.stream().map(analytics::process).filter(Objects::nonNull).toList();
        assertTrue(analytics.duplicates() > 0 && analytics.tooLate() > 0, "the stream has faults");
        assertEquals(expected, actual);
    }

    @Test
    void otherWindowAndLatenessMatchReference() {
        List<Reading> input = FaultyReadings.generate(3, 5, 5_000);
        PartitionAnalytics narrow = new PartitionAnalytics(AnalyticsSettings.of(Duration.ofSeconds(5), Duration.ofSeconds(20)));
        List<DerivedRecord> expected = ReferenceAnalytics.compute(input, Duration.ofSeconds(5), Duration.ofSeconds(20));
        assertEquals(expected, input.stream().map(narrow::process).filter(Objects::nonNull).toList());
    }

    /** Runs the input cut into batches; with restarts, each batch starts from state rebuilt from the output. */
    private static List<DerivedRecord> runInBatches(List<Reading> input, int batchSize, boolean restartEachBatch) {
        List<DerivedRecord> output = new ArrayList<>();
        PartitionAnalytics state = new PartitionAnalytics(AnalyticsSettings.DEFAULTS);
        for (int from = 0; from < input.size(); from += batchSize) {
            if (restartEachBatch) {
                state = new PartitionAnalytics(AnalyticsSettings.DEFAULTS);
                output.forEach(state::restore);
            }
            for (Reading r : input.subList(from, Math.min(input.size(), from + batchSize))) {
                DerivedRecord a = state.process(r);
                if (a != null) {
                    output.add(a);
                }
            }
        }
        return output;
    }
}
