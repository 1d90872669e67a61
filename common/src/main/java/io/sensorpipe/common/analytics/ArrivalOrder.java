package io.sensorpipe.common.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The order in which the streaming job judges one room's readings, from where each arrived: offset order on the
 * room's partition. A room is on more than one partition only after {@code readings} grew (DESIGN.md "One partition
 * per room at a time"): its older readings stay on the partition it left, and everything the job judged after the move
 * is on the new one (a late arrival on the old partition is judged at its rerouted copy's place). So partitions come
 * in the order the room lived on them, the one holding its lowest seq first, each in offset order. Readings without
 * coordinates come last, in seq order.
 */
public final class ArrivalOrder {
    private ArrivalOrder() {
    }

    /** One room's readings sorted into the order the job judged them in. */
    public static <T> List<T> ofRoom(Iterable<T> readings, ToIntFunction<T> partition, ToLongFunction<T> offset,
                                     ToLongFunction<T> seq) {
        List<T> sorted = new ArrayList<>();
        Map<Integer, Long> lowestSeq = new HashMap<>();
        for (T r : readings) {
            sorted.add(r);
            if (offset.applyAsLong(r) >= 0) {
                lowestSeq.merge(partition.applyAsInt(r), seq.applyAsLong(r), Math::min);
            }
        }
        sorted.sort(Comparator.comparing((T r) -> offset.applyAsLong(r) < 0)
                .thenComparingLong(r -> offset.applyAsLong(r) < 0 ? 0 : lowestSeq.get(partition.applyAsInt(r)))
                .thenComparingInt(partition)
                .thenComparingLong(offset)
                .thenComparingLong(seq));
        return sorted;
    }
}
