package io.sensorpipe.common.metrics;

import java.time.Duration;

/** When a loop last went round: its readiness condition "loop running" ({@link #recent(Duration)}). */
public final class Heartbeat {
    private volatile long lastNanos;
    private volatile boolean beaten;

    /** Notes one round of the loop. */
    public void beat() {
        lastNanos = System.nanoTime();
        beaten = true;
    }

    /** True when the loop went round within {@code within}. */
    public boolean recent(Duration within) {
        return beaten && System.nanoTime() - lastNanos <= within.toNanos();
    }
}
