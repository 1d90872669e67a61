package io.sensorpipe.streaming;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline assembly: a stream of input records (source coordinates + bytes) in, derived records on alpha and
 * dead letters out. {@code main} feeds it the Kafka direct stream, tests feed it a queue of RDDs.
 */
public final class StreamingPipeline {
    private StreamingPipeline() {
    }

    /** Called on the driver after a batch's output is acknowledged; the Kafka path commits offsets here. */
    @FunctionalInterface
    public interface AfterBatch<T> {
        /** The batch's source RDD, its time and what it did. */
        void done(JavaRDD<T> source, Time time, BatchCounts counts);
    }

    /**
     * Wires {@code input} to the analytics and the output. A failed batch stops the pipeline: later batches refuse
     * to run, so no later offset can be committed past the failed one.
     */
    public static <T> void assemble(JavaDStream<T> input, Function<T, InputRecord> toInput, JobSettings settings,
                                    AfterBatch<T> afterBatch) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        input.foreachRDD((rdd, time) -> {
            if (failed.get() != null) {
                throw new IllegalStateException("pipeline stopped after a failed batch", failed.get());
            }
            try {
                // an empty batch needs no Spark job (a Kafka RDD knows its size from its offset ranges)
                BatchCounts counts = rdd.isEmpty() ? BatchCounts.ZERO : process(rdd.map(toInput), settings);
                afterBatch.done(rdd, time, counts);
            } catch (RuntimeException | Error e) {
                failed.compareAndSet(null, e);
                throw e;
            }
        });
    }

    /**
     * Processes one batch. Why no shuffle: the input is keyed by room, so each input partition holds whole rooms
     * and its state lives next to it on the executor; one task per partition does everything.
     */
    public static BatchCounts process(JavaRDD<InputRecord> batch, JobSettings settings) {
        return batch.mapPartitions(records -> List.of(new PartitionTask(settings).run(records)).iterator())
                .fold(BatchCounts.ZERO, BatchCounts::plus);
    }
}
