package io.sensorpipe.streaming;

import java.io.Serializable;

/**
 * What one batch (or one partition of it) did.
 *
 * @param in          input records
 * @param derived     derived records written to alpha
 * @param duplicates  readings dropped as duplicates
 * @param tooLate     readings dropped as later than the allowed lateness
 * @param deadLetters undecodable records sent to the dead-letter topic
 * @param rebuilds    partitions whose state was rebuilt from alpha
 */
public record MicroBatchCounts(long in, long derived, long duplicates, long tooLate, long deadLetters, int rebuilds)
        implements Serializable {
    /** Nothing happened. */
    public static final MicroBatchCounts ZERO = new MicroBatchCounts(0, 0, 0, 0, 0, 0);

    /** The sum of two counts. */
    public MicroBatchCounts plus(MicroBatchCounts o) {
        return new MicroBatchCounts(in + o.in, derived + o.derived, duplicates + o.duplicates, tooLate + o.tooLate,
                deadLetters + o.deadLetters, rebuilds + o.rebuilds);
    }
}
