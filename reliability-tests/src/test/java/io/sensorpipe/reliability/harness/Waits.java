package io.sensorpipe.reliability.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Polling with a deadline: the tests wait for counts, never for a fixed time. */
public final class Waits {
    private static final long POLL_MILLIS = 250;

    private Waits() {
    }

    /** Waits until the condition holds; fails with {@code what} and the timeout when it does not. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            sleep(POLL_MILLIS);
        }
    }

    /**
     * Waits until {@code value} reaches {@code target}, as long as it keeps moving: fails when it has not changed for
     * {@code stall} (so a slow but progressing machine passes, a stuck pipeline fails). Returns the last value.
     */
    public static long untilReaches(String what, long target, Duration stall, LongSupplier value) {
        long last = value.getAsLong();
        long lastChange = System.nanoTime();
        while (last < target) {
            sleep(POLL_MILLIS * 2);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                throw new AssertionError(what + ": stuck at " + last + " of " + target + " for " + stall.toSeconds()
                        + " s");
            }
        }
        return last;
    }

    /** Sleeps, turning an interrupt into a failure. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
