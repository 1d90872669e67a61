package io.sensorpipe.batch.verify;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ArrivalOrder;
import io.sensorpipe.common.analytics.ReferenceAnalytics;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies one room: recomputes its derived records from its stored readings with {@link ReferenceAnalytics}
 * and compares them with the stored ones.
 *
 * <p>The readings are replayed in arrival order ({@link ArrivalOrder}: the Kafka partition and offset the raw sink
 * stored with each, a room that moved partition by partition), as the streaming job judged them: a lower seq arriving
 * after a higher one is a duplicate there and here. Only the first copy of each (roomId, seq) is stored; later copies
 * are duplicates for the job too and produce nothing.
 *
 * @param window      the rolling window W
 * @param lateness    the allowed lateness L
 * @param maxExamples how many differences to keep as examples
 */
public record RoomCheck(Duration window, Duration lateness, int maxExamples) implements Serializable {
    /** The report of one room. */
    public VerifyReport check(Iterable<ArrivedReading> readings, Iterable<DerivedRecord> stored) {
        List<ArrivedReading> arrived = ArrivalOrder.ofRoom(readings, ArrivedReading::partition,
                ArrivedReading::offset, a -> a.reading().seq());
        List<Reading> inOrder = arrived.stream().map(ArrivedReading::reading).toList();
        List<DerivedRecord> storedList = new ArrayList<>();
        stored.forEach(storedList::add);
        List<DerivedRecord> expected = ReferenceAnalytics.compute(inOrder, window, lateness);
        return RoomComparison.compare(inOrder.size(), expected, storedList, maxExamples);
    }
}
