package io.sensorpipe.common.analytics;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The independent, deliberately plain recomputation of the analytics semantics (DESIGN.md "Analytics
 * semantics"): readings in arrival order in, the expected derived records out. Used by tests and by the batch
 * {@code verify} command to check every record the streaming job wrote.
 *
 * <p>Numeric contract, shared with the streaming job so both agree bit for bit: {@code change} is
 * {@code temperature - previousAcceptedTemperature}; {@code rollingAvg} is the sum of the window's temperatures,
 * added in ascending seq order starting from 0.0, divided by the count; min and max are plain comparisons.
 */
public final class ReferenceAnalytics {
    private ReferenceAnalytics() {
    }

    /**
     * Computes the derived records for readings given in arrival order (the order within each room matters;
     * rooms may be interleaved). Duplicates and too-late readings produce no record.
     *
     * @param readingsInArrivalOrder every reading as it arrived, duplicates and faults included
     * @param window                 the rolling window W (whole seconds)
     * @param lateness               the allowed lateness L
     * @return one derived record per accepted reading, in arrival order
     */
    public static List<DerivedRecord> compute(List<Reading> readingsInArrivalOrder, Duration window,
                                              Duration lateness) {
        long w = window.toMillis();
        long l = lateness.toMillis();
        int windowSeconds = (int) window.toSeconds();
        Map<String, Room> rooms = new HashMap<>();
        List<DerivedRecord> out = new ArrayList<>();
        for (Reading r : readingsInArrivalOrder) {
            Room room = rooms.computeIfAbsent(r.roomId(), k -> new Room());
            DerivedRecord derived = derive(room.accepted, r, w, l, windowSeconds);
            if (derived != null) {
                out.add(derived);
                room.forgetUnreachable(w, l);
            }
        }
        return out;
    }

    /** A room's accepted readings in arrival (= ascending seq) order. */
    private static final class Room {
        final List<Reading> accepted = new ArrayList<>();
        int sizeAfterLastPrune = 16;

        /**
         * Drops, now and then, readings no future window can contain: a future accepted reading k has
         * ts_k >= maxTs - L, so its window starts above maxTs - L - W. Only to keep long inputs fast; the result
         * is the same without it. The last accepted reading is always kept (change, gap, duplicates).
         */
        void forgetUnreachable(long w, long l) {
            if (accepted.size() < 2 * sizeAfterLastPrune) {
                return;
            }
            long maxTs = maxTs(accepted);
            Reading last = accepted.get(accepted.size() - 1);
            accepted.removeIf(a -> a != last && a.tsMillis() <= maxTs - w - l);
            sizeAfterLastPrune = Math.max(16, accepted.size());
        }
    }

    private static long maxTs(List<Reading> accepted) {
        long maxTs = Long.MIN_VALUE;
        for (Reading a : accepted) {
            maxTs = Math.max(maxTs, a.tsMillis());
        }
        return maxTs;
    }

    /** The derived record of one reading given the room's accepted readings so far, or null if not accepted. */
    private static DerivedRecord derive(List<Reading> accepted, Reading r, long w, long l, int windowSeconds) {
        Reading previous = accepted.isEmpty() ? null : accepted.get(accepted.size() - 1);
        if (previous != null && r.seq() <= previous.seq()) {
            return null;                                    // duplicate: seq not above the highest accepted
        }
        if (previous != null && maxTs(accepted) - r.tsMillis() > l) {
            return null;                                    // too late
        }
        accepted.add(r);
        double sum = 0.0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (Reading a : accepted) {                        // ascending seq order; r itself is last
            if (a.tsMillis() > r.tsMillis() - w && a.tsMillis() <= r.tsMillis()) {
                sum += a.temperature();
                min = Math.min(min, a.temperature());
                max = Math.max(max, a.temperature());
                count++;
            }
        }
        Double change = previous == null ? null : r.temperature() - previous.temperature();
        long gap = previous == null ? 0 : r.seq() - previous.seq() - 1;
        return new DerivedRecord(r.roomId(), r.seq(), r.tsMillis(), r.temperature(), change, gap,
                sum / count, min, max, count, windowSeconds);
    }
}
