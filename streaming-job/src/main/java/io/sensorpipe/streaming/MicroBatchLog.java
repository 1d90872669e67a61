package io.sensorpipe.streaming;

import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One log line per batch: records in, derived out, duplicates, too late, dead letters, rebuilds, rate, batch
 * processing time and scheduling delay. Also keeps the processing times for the benchmark.
 */
public final class MicroBatchLog implements StreamingListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.sensorpipe.streaming.batches");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Map<Time, MicroBatchCounts> counts = new ConcurrentHashMap<>();
    private final List<Long> processingMillis = new ArrayList<>();
    private volatile MicroBatchCounts total = MicroBatchCounts.ZERO;
    private final Map<String, MicroBatchCounts.StateSize> states = new ConcurrentHashMap<>();

    /** Records what a batch did (called when its output is acknowledged). */
    public void record(Time time, MicroBatchCounts batch) {
        counts.put(time, batch);
        states.putAll(batch.states());
        synchronized (this) {
            total = total.plus(batch).withoutStates();
        }
    }

    /**
     * The state of every partition as its last batch with records left it (wherever the task ran): rooms, readings
     * held and estimated bytes, summed.
     */
    public MicroBatchCounts.StateSize state() {
        long rooms = 0;
        long readings = 0;
        long bytes = 0;
        for (MicroBatchCounts.StateSize s : states.values()) {
            rooms += s.rooms();
            readings += s.readings();
            bytes += s.bytes();
        }
        return new MicroBatchCounts.StateSize(rooms, readings, bytes);
    }

    /** Partitions whose state size is known. */
    public int statePartitions() {
        return states.size();
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
        BatchInfo info = completed.batchInfo();
        MicroBatchCounts c = counts.remove(info.batchTime());
        long processing = (Long) info.processingDelay().getOrElse(() -> 0L);
        long delay = (Long) info.schedulingDelay().getOrElse(() -> 0L);
        if (c == null) {
            return;
        }
        synchronized (this) {
            if (c.in() > 0) {
                processingMillis.add(processing);
            }
        }
        LOG.info("batch {}: in={} derived={} duplicates={} (conflicting={} outOfOrder={}) tooLate={} deadLetters={}"
                        + " rebuilt={} | {} rec/s, processing {} ms, scheduling delay {} ms",
                TIME.format(Instant.ofEpochMilli(info.batchTime().milliseconds())), c.in(), c.derived(),
                c.duplicates(), c.conflicting(), c.outOfOrder(), c.tooLate(), c.deadLetters(), c.rebuilds(),
                processing > 0 ? c.in() * 1000 / processing : 0, processing, delay);
    }

    /** Totals over all batches so far. */
    public MicroBatchCounts total() {
        return total;
    }

    /** Processing times of the non-empty batches so far, in completion order. */
    public synchronized List<Long> processingMillis() {
        return new ArrayList<>(processingMillis);
    }
}
