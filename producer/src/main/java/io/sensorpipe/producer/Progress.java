package io.sensorpipe.producer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Logs one progress line per interval: sent, acknowledged, acknowledgement rate over the interval, errors. */
final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final Deliveries deliveries;
    private final ScheduledExecutorService timer;
    private long lastAcked;
    private long lastNanos = System.nanoTime();

    private Progress(Deliveries deliveries, Duration every) {
        this.deliveries = deliveries;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-progress");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        timer.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Starts logging every {@code every}. */
    static Progress start(Deliveries deliveries, Duration every) {
        return new Progress(deliveries, every);
    }

    private void report() {
        long now = System.nanoTime();
        long acked = deliveries.ackedCount();
        double rate = (acked - lastAcked) * 1e9 / Math.max(1, now - lastNanos);
        lastAcked = acked;
        lastNanos = now;
        LOG.info(String.format(Locale.ROOT, "progress: sent=%d acked=%d rate=%.0f records/s errors=%d",
                deliveries.sentCount(), acked, rate, deliveries.failedCount()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
