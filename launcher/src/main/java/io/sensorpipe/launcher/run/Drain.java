package io.sensorpipe.launcher.run;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Waits, after the simulator stopped, until the streaming job and the sinks have caught up: both sinks' lag is 0,
 * the job's lag is 0 (or unknown, when it keeps its offsets in its checkpoint) and no count has moved for a while.
 */
final class Drain {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final StatusProbe probe;
    private final Duration stableFor;
    private final Duration timeout;
    private final PrintStream out;
    private final java.util.function.BooleanSupplier componentDied;

    Drain(StatusProbe probe, RunSettings settings, PrintStream out, java.util.function.BooleanSupplier componentDied) {
        this.componentDied = componentDied;
        this.probe = probe;
        this.stableFor = Duration.ofMillis(Math.max(3000, 3 * settings.batchInterval().toMillis()));
        this.timeout = settings.drainTimeout();
        this.out = out;
    }

    /** The snapshot once drained, or the last one when the timeout passed first (with a warning) or a component died. */
    Status await() throws InterruptedException {
        out.println("waiting for the streaming job and the sinks to catch up (at most " + timeout.toSeconds() + " s) ...");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Status previous = null;
        long stableSince = System.nanoTime();
        while (true) {
            Status now = probe.snapshot();
            if (!now.sameCounts(previous)) {
                stableSince = System.nanoTime();
            }
            if (DrainRule.drained(now, Duration.ofNanos(System.nanoTime() - stableSince), stableFor)) {
                out.println("drained in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
                return now;
            }
            if (componentDied.getAsBoolean()) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                out.println("warning: not drained after " + timeout.toSeconds() + " s (lag job " + now.jobLag()
                        + ", raw " + now.rawLag() + ", derived " + now.derivedLag() + "); stopping anyway");
                return now;
            }
            previous = now;
            Thread.sleep(POLL.toMillis());
        }
    }
}
