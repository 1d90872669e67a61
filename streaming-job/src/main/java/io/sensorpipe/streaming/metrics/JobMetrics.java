package io.sensorpipe.streaming.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sensorpipe.common.metrics.Heartbeat;
import io.sensorpipe.common.metrics.MetricsServer;
import io.sensorpipe.streaming.MicroBatchCounts;
import io.sensorpipe.streaming.MicroBatchLog;
import io.sensorpipe.streaming.state.PartitionStateStore;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The streaming job's Prometheus series, on the driver:
 * <ul>
 * <li>{@code sensorpipe_job_readings_in_total}, {@code ..._derived_out_total}, {@code ..._duplicates_total},
 * {@code ..._conflicting_duplicates_total}, {@code ..._out_of_order_total}, {@code ..._too_late_total},
 * {@code ..._dead_letters_total}, {@code ..._state_rebuilds_total}: the totals of the
 * acknowledged batches ({@link MicroBatchLog#total()}, the numbers of the job's log lines);</li>
 * <li>{@code sensorpipe_job_batch_processing_seconds}, {@code ..._batch_scheduling_delay_seconds} (histograms, from
 * Spark's {@link StreamingListener}) and {@code sensorpipe_job_batches_total};</li>
 * <li>{@code sensorpipe_job_input_lag_records{topic,partition}}: records on the input not yet behind the job's
 * committed position ({@link InputLag});</li>
 * <li>{@code sensorpipe_job_state_partitions}, {@code ..._state_rooms}, {@code ..._state_readings},
 * {@code ..._state_bytes}: the partition states as each partition's last batch left them, wherever its task ran
 * ({@link MicroBatchLog#state()});</li>
 * <li>local mode (the driver holds the state): {@code sensorpipe_job_restores_in_progress}.</li>
 * </ul>
 * Readiness: "kafka" (the lag was read within 30 s), "loop running" (a batch was submitted within 3 intervals + 10
 * s), "not restoring" (a batch completed since start, so every restore the first batch needed is done).
 */
public final class JobMetrics implements StreamingListener {
    private final Timer processing;
    private final Timer schedulingDelay;
    private final Heartbeat submitted = new Heartbeat();
    private final AtomicLong completed = new AtomicLong();

    private JobMetrics(MeterRegistry r, MicroBatchLog log) {
        counter(r, "sensorpipe.job.readings.in", log, MicroBatchCounts::in, "Input records of acknowledged batches");
        counter(r, "sensorpipe.job.derived.out", log, MicroBatchCounts::derived, "Derived records written to alpha");
        counter(r, "sensorpipe.job.duplicates", log, MicroBatchCounts::duplicates, "Readings dropped as duplicates");
        counter(r, "sensorpipe.job.conflicting.duplicates", log, MicroBatchCounts::conflicting,
                "Duplicates whose content differs from the accepted reading with the same seq (also in duplicates)");
        counter(r, "sensorpipe.job.out.of.order", log, MicroBatchCounts::outOfOrder,
                "Readings whose seq was never accepted: a higher seq of the room came first (also in duplicates)");
        counter(r, "sensorpipe.job.too.late", log, MicroBatchCounts::tooLate,
                "Readings dropped as later than the allowed lateness");
        counter(r, "sensorpipe.job.dead.letters", log, MicroBatchCounts::deadLetters,
                "Records sent to the dead-letter topic");
        counter(r, "sensorpipe.job.state.rebuilds", log, c -> (long) c.rebuilds(),
                "Partition states rebuilt from alpha (restores)");
        FunctionCounter.builder("sensorpipe.job.batches", completed, AtomicLong::get)
                .description("Batches completed").register(r);
        processing = Timer.builder("sensorpipe.job.batch.processing").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .description("Processing time of a batch (Spark)").register(r);
        schedulingDelay = Timer.builder("sensorpipe.job.batch.scheduling.delay").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .description("Time a batch waited for the previous ones (Spark)").register(r);
    }

    /**
     * Binds the series of a running job to {@code metrics} and adds its readiness conditions; returns the listener
     * to add to the streaming context. {@code localState}: the driver is the executor (local mode), so the state
     * gauges mean something.
     */
    public static JobMetrics bind(MetricsServer metrics, MicroBatchLog log, InputLag lag, Duration batchInterval,
                                  boolean localState) {
        MeterRegistry r = metrics.registry();
        JobMetrics m = new JobMetrics(r, log);
        Gauge.builder("sensorpipe.job.state.partitions", log, MicroBatchLog::statePartitions)
                .description("Partitions whose state size is known (reported by their last batch with records)")
                .register(r);
        Gauge.builder("sensorpipe.job.state.rooms", log, l -> l.state().rooms())
                .description("Rooms in the partition states").register(r);
        Gauge.builder("sensorpipe.job.state.readings", log, l -> l.state().readings())
                .description("Readings held in the partition states (bounded by W and L)").register(r);
        Gauge.builder("sensorpipe.job.state", log, l -> l.state().bytes()).baseUnit("bytes")
                .description("Estimated heap of the partition states (arrays as allocated, objects, keys)")
                .register(r);
        if (localState) {
            Gauge.builder("sensorpipe.job.restores.in.progress", () -> PartitionStateStore.held().restoring())
                    .description("Partition restores still running").register(r);
        }
        MultiGauge lagGauge = MultiGauge.builder("sensorpipe.job.input.lag").baseUnit("records")
                .description("Records on the input after the job's committed position").register(r);
        lag.onLag(perPartition -> {
            List<MultiGauge.Row<?>> rows = new ArrayList<>(perPartition.size());
            for (Map.Entry<org.apache.kafka.common.TopicPartition, Long> e : perPartition.entrySet()) {
                rows.add(MultiGauge.Row.of(Tags.of("topic", e.getKey().topic(), "partition",
                        Integer.toString(e.getKey().partition())), e.getValue()));
            }
            lagGauge.register(rows, true);
        });
        Duration stale = batchInterval.multipliedBy(3).plusSeconds(10);
        metrics.readiness()
                .require("kafka", () -> lag.answeredWithin(Duration.ofSeconds(30)))
                .require("loop running", () -> m.submitted.recent(stale))
                .require("not restoring", () -> m.completed.get() > 0
                        && (!localState || PartitionStateStore.held().restoring() == 0));
        return m;
    }

    private static void counter(MeterRegistry r, String name, MicroBatchLog log, Function<MicroBatchCounts, Long> field,
                                String description) {
        FunctionCounter.builder(name, log, l -> field.apply(l.total())).description(description).register(r);
    }

    @Override
    public void onBatchSubmitted(StreamingListenerBatchSubmitted batchSubmitted) {
        submitted.beat();
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted batchCompleted) {
        BatchInfo info = batchCompleted.batchInfo();
        long p = (Long) info.processingDelay().getOrElse(() -> 0L);
        long d = (Long) info.schedulingDelay().getOrElse(() -> 0L);
        processing.record(p, TimeUnit.MILLISECONDS);
        schedulingDelay.record(d, TimeUnit.MILLISECONDS);
        completed.incrementAndGet();
        submitted.beat();
    }
}
