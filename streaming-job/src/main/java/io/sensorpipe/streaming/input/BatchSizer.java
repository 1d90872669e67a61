package io.sensorpipe.streaming.input;

import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;

import java.io.Serializable;
import java.time.Duration;

/**
 * A floor under Spark's backpressure while a backlog drains: the records per partition a batch may take at least
 * ({@code PerPartitionConfig.minRatePerPartition}), set after each completed batch to what the last full batches say
 * fits into 90 % of the batch interval.
 *
 * <p>Why: Spark's PID rate estimator sets the next batch to the last batch's processing rate (records / processing
 * time). A batch has a fixed cost besides its records (scheduling six tasks on two slots, flushing the output,
 * committing: about 0.35 s here), so a small batch's rate understates what a big one does, and the estimate climbs
 * in small steps; it also cuts the rate for the scheduling delay of the batches that queued behind the cold first
 * batch. Draining a 2M backlog, the job spent about 7 s on its first 450,000 readings, which at its steady rate
 * take 1.6 s. This floor models a batch as {@code fixed + records / rate} from its last two full batches and sizes
 * the next to fill the interval, at most doubling and at least halving per batch; the first batch (a cold JVM) and
 * batches much smaller than the floor (input caught up: no information) are not used. The PID estimate still
 * applies above the floor and the user's {@code --max-rate-per-partition} caps both.
 */
public final class BatchSizer implements StreamingListener, Serializable {
    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BatchSizer.class);
    /** Share of the batch interval a full batch aims at. */
    static final double FILL = 0.9;

    private final long intervalMillis;
    private final long capPerPartition;
    private volatile long floorPerPartition = 1;
    private transient int completed;
    private transient double lastRecords;
    private transient double lastMillis;

    /**
     * @param interval             batch interval
     * @param maxRatePerPartition  the user's cap in records/s per partition, 0 = none
     */
    public BatchSizer(Duration interval, long maxRatePerPartition) {
        this.intervalMillis = interval.toMillis();
        this.capPerPartition = maxRatePerPartition <= 0 ? Long.MAX_VALUE
                : Math.max(1, maxRatePerPartition * intervalMillis / 1000);
    }

    /** The records per partition the next batch may take at least (1 until two batches completed). */
    public long floorPerPartition() {
        return floorPerPartition;
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted batchCompleted) {
        BatchInfo info = batchCompleted.batchInfo();
        long processing = (Long) info.processingDelay().getOrElse(() -> 0L);
        int partitions = 0;
        for (StreamInputInfo input : scala.jdk.javaapi.CollectionConverters.asJava(info.streamIdToInputInfo())
                .values()) {
            Object offsets = input.metadata().get("offsets").getOrElse(() -> null);
            if (offsets instanceof scala.collection.Iterable<?> ranges) {
                partitions += ranges.size();
            }
        }
        observe(info.numRecords(), partitions, processing);
    }

    /** One completed batch: {@code records} over {@code partitions}, processed in {@code processingMillis}. */
    synchronized void observe(long records, int partitions, long processingMillis) {
        if (++completed == 1 || partitions <= 0 || processingMillis <= 0) {
            return;   // the first batch runs in a cold JVM
        }
        double perPartition = (double) records / partitions;
        if (perPartition < floorPerPartition / 2.0) {
            return;   // the input was caught up: this batch says nothing about a full one
        }
        long before = floorPerPartition;
        floorPerPartition = next(perPartition, processingMillis);
        if (floorPerPartition > before * 5 / 4 || floorPerPartition < before * 3 / 4) {
            LOG.info("batch floor {} -> {} records per partition ({} records on {} partitions in {} ms)", before,
                    floorPerPartition, records, partitions, processingMillis);
        }
        lastRecords = perPartition;
        lastMillis = processingMillis;
    }

    private long next(double perPartition, double millis) {
        double target = FILL * intervalMillis;
        double estimate = perPartition * target / millis;   // as if the whole time were per record
        if (lastRecords > 0 && perPartition > lastRecords * 1.2 && millis > lastMillis) {
            double perRecord = (millis - lastMillis) / (perPartition - lastRecords);   // ms per record
            double fixed = millis - perPartition * perRecord;
            if (fixed >= 0 && fixed < target) {
                estimate = (target - fixed) / perRecord;
            }
        }
        double bounded = Math.max(perPartition / 2, Math.min(estimate, perPartition * 2));
        return Math.max(1, Math.min(capPerPartition, (long) bounded));
    }
}
