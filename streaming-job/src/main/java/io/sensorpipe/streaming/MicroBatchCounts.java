package io.sensorpipe.streaming;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * What one batch (or one partition of it) did.
 *
 * @param in          input records
 * @param derived     derived records written to alpha
 * @param duplicates  readings dropped as duplicates (of any kind)
 * @param conflicting of those, duplicates whose content differs from the accepted reading with the same seq
 * @param outOfOrder  of those, readings whose seq was never accepted (a higher seq of the room came first)
 * @param tooLate     readings dropped as later than the allowed lateness
 * @param deadLetters undecodable records sent to the dead-letter topic
 * @param rebuilds    partitions whose state was rebuilt from alpha
 * @param states      the size of each partition's state after the batch, by "topic-partition" (later wins)
 */
public record MicroBatchCounts(long in, long derived, long duplicates, long conflicting, long outOfOrder,
                               long tooLate, long deadLetters, int rebuilds, Map<String, StateSize> states)
        implements Serializable {
    /** Nothing happened. */
    public static final MicroBatchCounts ZERO = new MicroBatchCounts(0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    /**
     * The size of one partition's state.
     *
     * @param rooms    rooms
     * @param readings readings held (bounded by W and L)
     * @param bytes    estimated heap bytes of the state
     */
    public record StateSize(long rooms, long readings, long bytes) implements Serializable {
    }

    /** The same counts without the state sizes (for running totals). */
    public MicroBatchCounts withoutStates() {
        return states.isEmpty() ? this : new MicroBatchCounts(in, derived, duplicates, conflicting, outOfOrder,
                tooLate, deadLetters, rebuilds, Map.of());
    }

    /** The sum of two counts; the state sizes of both, {@code o}'s where both have a partition. */
    public MicroBatchCounts plus(MicroBatchCounts o) {
        Map<String, StateSize> s = states;
        if (!o.states.isEmpty()) {
            s = new HashMap<>(states);
            s.putAll(o.states);
        }
        return new MicroBatchCounts(in + o.in, derived + o.derived, duplicates + o.duplicates,
                conflicting + o.conflicting, outOfOrder + o.outOfOrder, tooLate + o.tooLate,
                deadLetters + o.deadLetters, rebuilds + o.rebuilds, s);
    }
}
