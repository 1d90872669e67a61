package io.sensorpipe.sink;

import io.sensorpipe.sink.write.BulkOutcome;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of one sink, readable from any thread. */
public final class SinkCounters {
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong firstBatchNanos = new AtomicLong();

    /** Adds one acknowledged and committed batch. */
    void add(BulkOutcome o) {
        inserted.addAndGet(o.inserted());
        duplicates.addAndGet(o.duplicates());
        deadLetters.addAndGet(o.deadLetters());
        retries.addAndGet(o.retries());
        batches.incrementAndGet();
    }

    /** Notes the moment the first records arrived (for rates that exclude start-up). */
    void markFirstBatch() {
        firstBatchNanos.compareAndSet(0, System.nanoTime());
    }

    void setLag(long value) {
        lag.set(value);
    }

    /** Documents newly stored. */
    public long inserted() {
        return inserted.get();
    }

    /** Documents that were already stored (replays, retries after a partial write). */
    public long duplicates() {
        return duplicates.get();
    }

    /** Records sent to the dead letters. */
    public long deadLetters() {
        return deadLetters.get();
    }

    /** Records handled in committed batches: stored, duplicate or dead letter. */
    public long handled() {
        return inserted() + duplicates() + deadLetters();
    }

    /** Transient failures retried. */
    public long retries() {
        return retries.get();
    }

    /** Batches acknowledged and committed. */
    public long batches() {
        return batches.get();
    }

    /** Consumer lag at the last progress line, or -1 when not known yet. */
    public long lag() {
        return lag.get();
    }

    /** System.nanoTime() when the first records arrived, or 0. */
    public long firstBatchNanos() {
        return firstBatchNanos.get();
    }
}
