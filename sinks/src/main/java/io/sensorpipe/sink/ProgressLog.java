package io.sensorpipe.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Logs one progress line per interval: documents/s, duplicates, dead letters, consumer lag. */
final class ProgressLog {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final String stage;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastHandled;

    ProgressLog(String stage, Duration interval) {
        this.stage = stage;
        this.intervalNanos = interval.toNanos();
    }

    /** True when the interval has passed since the last line. */
    boolean due() {
        return System.nanoTime() - lastNanos >= intervalNanos;
    }

    /** Logs the line and starts the next interval. */
    void report(SinkCounters c) {
        long now = System.nanoTime();
        long handled = c.handled();
        double rate = (handled - lastHandled) / ((now - lastNanos) / 1e9);
        LOG.info(String.format("%s: %,.0f docs/s | stored %,d new, %,d duplicates | dead letters %,d | lag %s%s",
                stage, rate, c.inserted(), c.duplicates(), c.deadLetters(),
                c.lag() < 0 ? "?" : String.format("%,d", c.lag()),
                c.retries() > 0 ? String.format(" | retries %,d", c.retries()) : ""));
        lastNanos = now;
        lastHandled = handled;
    }

    /** The closing line. */
    void summary(SinkCounters c) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        LOG.info(String.format("%s stopped after %.1f s: stored %,d new, %,d duplicates, %,d dead letters, %,d batches, "
                + "%,d retries", stage, seconds, c.inserted(), c.duplicates(), c.deadLetters(), c.batches(), c.retries()));
    }
}
