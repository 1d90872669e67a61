package io.sensorpipe.streaming.input;

import org.apache.spark.util.SystemClock;

import java.time.Duration;

/**
 * The clock of the job's batch timer ({@code spark.streaming.clock}, set by {@code bin/pipeline stream} unless the
 * Spark configuration names another): the system clock moved by a fixed offset, chosen at its first reading so that
 * the first batch comes {@value #LEAD_MILLIS} ms after the streaming context starts. Spark's own timer starts on the
 * next multiple of the batch interval: 0 to one interval of waiting before the first batch (0.5 s on average with
 * 1 s batches), all of it before the first output. Batches then follow every interval as before; their times (the
 * batch log's, Spark's batch ids) are the shifted ones, ahead of the wall clock by less than one interval. Differences
 * of the clock (processing time, scheduling delay, the rate estimate) are those of the system clock.
 */
public final class FirstBatchNowClock extends SystemClock {
    /** From the streaming context's start to its first batch. */
    static final long LEAD_MILLIS = 20;
    private static volatile long intervalMillis;

    private long offset = Long.MIN_VALUE;

    /** The batch interval of the streaming context about to start; without it the clock is the system clock. */
    public static void batchInterval(Duration interval) {
        intervalMillis = interval.toMillis();
    }

    /**
     * The offset for a first reading at {@code now}: the shifted reading falls {@code lead} ms below a multiple of
     * {@code period}, the time Spark then starts its timer at, so the first batch comes at {@code now + lead}.
     */
    static long offsetFor(long now, long period, long lead) {
        if (period <= 0) {
            return 0;
        }
        lead = Math.min(lead, period / 2);   // below one interval, or Spark's next multiple is one interval later
        long firstBatch = Math.floorDiv(now + lead + period - 1, period) * period;   // a multiple at or after now+lead
        return firstBatch - lead - now;
    }

    private synchronized long offset() {
        if (offset == Long.MIN_VALUE) {
            offset = offsetFor(super.getTimeMillis(), intervalMillis, LEAD_MILLIS);
        }
        return offset;
    }

    @Override
    public long getTimeMillis() {
        long o = offset();
        return super.getTimeMillis() + o;
    }

    @Override
    public long waitTillTime(long targetTime) {
        long o = offset();
        return super.waitTillTime(targetTime - o) + o;
    }
}
