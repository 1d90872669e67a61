package io.sensorpipe.streaming.input;

import org.apache.spark.streaming.util.RecurringTimer;
import org.apache.spark.util.Clock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark's batch timer, given the job's clock, starts its first batch right away instead of on the next multiple of
 * the interval (with Spark's SystemClock {@link #sparksTimerStartsTheFirstBatchAtOnce} fails unless the test happens
 * to start within 20 ms before a whole second).
 */
class FirstBatchNowClockTest {

    /** The real time Spark's timer (its own start-time rule) would fire its first batch at, read right after now. */
    private static long firstBatchAfter(Clock clock, long period) {
        RecurringTimer timer = new RecurringTimer(clock, period, t -> scala.runtime.BoxedUnit.UNIT, "test-timer");
        long shiftedStart = timer.getStartTime();
        return shiftedStart - (clock.getTimeMillis() - System.currentTimeMillis());
    }

    @Test
    void sparksTimerStartsTheFirstBatchAtOnce() {
        long period = 1_000;
        FirstBatchNowClock.batchInterval(Duration.ofMillis(period));
        long before = System.currentTimeMillis();
        long first = firstBatchAfter(new FirstBatchNowClock(), period);
        long after = System.currentTimeMillis();
        assertTrue(first >= before && first <= after + FirstBatchNowClock.LEAD_MILLIS + 5,
                "first batch " + (first - before) + " ms after the start (lead " + FirstBatchNowClock.LEAD_MILLIS + ")");
    }

    @Test
    void theOffsetPutsTheFirstReadingJustBelowAMultiple() {
        assertEquals(980, FirstBatchNowClock.offsetFor(10_000, 1_000, 20));   // 10,980 shifted: batch at 11,000
        assertEquals(0, FirstBatchNowClock.offsetFor(10_980, 1_000, 20));
        assertEquals(999, FirstBatchNowClock.offsetFor(10_981, 1_000, 20));   // 11,980: batch at 12,000
        assertEquals(460, FirstBatchNowClock.offsetFor(10_500, 500, 40));
        assertEquals(5, FirstBatchNowClock.offsetFor(10_000, 10, 20), "lead capped at half an interval");
        assertEquals(0, FirstBatchNowClock.offsetFor(10_000, 0, 20), "no interval set: the system clock");
    }

    @Test
    void waitingUsesTheShiftedTime() {
        FirstBatchNowClock.batchInterval(Duration.ofMillis(1_000));
        FirstBatchNowClock clock = new FirstBatchNowClock();
        long target = clock.getTimeMillis() + 30;
        long woke = clock.waitTillTime(target);
        assertTrue(woke >= target && clock.getTimeMillis() >= target, "woke at " + woke + " for " + target);
    }
}
