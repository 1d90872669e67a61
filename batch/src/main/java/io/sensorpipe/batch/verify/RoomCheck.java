package io.sensorpipe.batch.verify;

import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RoomAnalytics;
import io.sensorpipe.common.analytics.ReferenceAnalytics;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Verifies one room: recomputes its derived records from its stored readings with {@link ReferenceAnalytics}
 * and compares them with the stored ones.
 *
 * <p>The database keeps no arrival order, so the readings are replayed in seq order. The simulator sends each
 * room's readings in seq order (injected duplicates are re-sends of the same (roomId, seq) and are stored once),
 * so seq order is the arrival order the streaming job saw, minus duplicates, which produce no record anyway.
 *
 * @param window      the rolling window W
 * @param lateness    the allowed lateness L
 * @param maxExamples how many differences to keep as examples
 */
public record RoomCheck(Duration window, Duration lateness, int maxExamples) implements Serializable {
    /** The report of one room. */
    public VerifyReport check(Iterable<Reading> readings, Iterable<RoomAnalytics> stored) {
        List<Reading> bySeq = new ArrayList<>();
        readings.forEach(bySeq::add);
        bySeq.sort(Comparator.comparingLong(Reading::seq));
        List<RoomAnalytics> storedList = new ArrayList<>();
        stored.forEach(storedList::add);
        List<RoomAnalytics> expected = ReferenceAnalytics.compute(bySeq, window, lateness);
        return RoomComparison.compare(bySeq.size(), expected, storedList, maxExamples);
    }
}
