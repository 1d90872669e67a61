package io.sensorpipe.producer;

import java.util.concurrent.locks.LockSupport;

/** Keeps a loop at a total rate (records per second) by sleeping when ahead of schedule; or no limit. */
final class Throttler {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int CHECK_EVERY = 64;

    private final double ratePerSecond;
    private final long startNanos;
    private long permits;

    /** A throttler for {@code ratePerSecond} records per second; infinity means as fast as possible. */
    Throttler(double ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
        this.startNanos = System.nanoTime();
    }

    /** Takes one permit, sleeping until it is due (checks the clock once every few permits at high rates). */
    void acquire() {
        permits++;
        if (Double.isInfinite(ratePerSecond) || (ratePerSecond > 10_000 && permits % CHECK_EVERY != 0)) {
            return;
        }
        long due = startNanos + (long) (permits * NANOS_PER_SECOND / ratePerSecond);
        long wait = due - System.nanoTime();
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            wait = due - System.nanoTime();
        }
    }

    /** True when there is no rate limit. */
    boolean unlimited() {
        return Double.isInfinite(ratePerSecond);
    }
}
