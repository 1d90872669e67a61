package io.sensorpipe.streaming;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.OffsetRange;

import org.apache.spark.Partition;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline assembly: a stream of input records (source coordinates + bytes) in, derived records on alpha and
 * dead letters out. {@code main} feeds it the Kafka direct stream, tests feed it a queue of RDDs; where the tasks read,
 * restore and write is the {@link JobIo} it is given (Kafka in the job, memory in the unit-tier tests).
 */
public final class StreamingPipeline {
    private StreamingPipeline() {
    }

    /** Called on the driver after a batch's output is acknowledged; the Kafka path commits offsets here. */
    @FunctionalInterface
    public interface AfterBatch<T> {
        /** The batch's source RDD, its time and what it did. */
        void done(JavaRDD<T> source, Time time, MicroBatchCounts counts);
    }

    /**
     * Wires {@code input} to the analytics and the output. A failed batch stops the pipeline: later batches refuse
     * to run, so no later offset can be committed past the failed one.
     */
    public static <T> void assemble(JavaDStream<T> input, Function<T, InputRecord> toInput, JobSettings settings,
                                    AfterBatch<T> afterBatch) {
        assemble(input, toInput, settings, new KafkaJobIo(settings), afterBatch);
    }

    /** The same with the tasks' I/O given. */
    public static <T> void assemble(JavaDStream<T> input, Function<T, InputRecord> toInput, JobSettings settings,
                                    JobIo io, AfterBatch<T> afterBatch) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        input.foreachRDD((rdd, time) -> {
            if (failed.get() != null) {
                throw new IllegalStateException("pipeline stopped after a failed batch", failed.get());
            }
            try {
                // an empty batch needs no Spark job (a Kafka RDD knows its size from its offset ranges)
                InputRange[] ranges = ranges(rdd);
                MicroBatchCounts counts;
                if (ranges == null) {
                    counts = rdd.isEmpty() ? MicroBatchCounts.ZERO : process(rdd.map(toInput), settings, io);
                } else {
                    counts = rangesEmpty(ranges) ? MicroBatchCounts.ZERO : process(rdd.rdd(), ranges, settings, io);
                }
                afterBatch.done(rdd, time, counts);
            } catch (RuntimeException | Error e) {
                failed.compareAndSet(null, e);
                throw e;
            }
        });
    }

    /**
     * Processes one batch of records from a source without offsets (a test queue). Why no shuffle: the input is keyed
     * by room, so each input partition holds whole rooms and its state lives next to it on the executor; one task
     * per partition does everything.
     */
    public static MicroBatchCounts process(JavaRDD<InputRecord> batch, JobSettings settings, JobIo io) {
        return batch.mapPartitions(records -> List.of(new PartitionTask(settings, io).run(null, records, null)).iterator())
                .fold(MicroBatchCounts.ZERO, MicroBatchCounts::plus);
    }

    /**
     * Processes one batch of Kafka offset ranges: one task per range, placed where the direct stream places that
     * partition (so its state stays on one executor), reading its committed records itself ({@code InputReader}).
     */
    static MicroBatchCounts process(RDD<?> kafka, InputRange[] ranges, JobSettings settings, JobIo io) {
        List<Tuple2<InputRange, Seq<String>>> placed = new ArrayList<>();
        Partition[] partitions = kafka.partitions();
        for (int i = 0; i < ranges.length; i++) {
            placed.add(new Tuple2<>(ranges[i], kafka.preferredLocations(partitions[i])));
        }
        JavaRDD<InputRange> tasks = kafka.sparkContext().makeRDD(CollectionConverters.asScala(placed).toSeq(),
                ClassTag$.MODULE$.apply(InputRange.class)).toJavaRDD();
        // why every task gets every partition's start: a room that moved takes its state from where it was, as
        // committed at this same cut
        InputPartitions topic = InputPartitions.of(ranges);
        return tasks.map(range -> new PartitionTask(settings, io).run(range, null, topic))
                .fold(MicroBatchCounts.ZERO, MicroBatchCounts::plus);
    }

    /** The Kafka offset range of each RDD partition, or null for a source without offsets (a test queue). */
    private static InputRange[] ranges(JavaRDD<?> rdd) {
        if (!(rdd.rdd() instanceof HasOffsetRanges kafka)) {
            return null;
        }
        OffsetRange[] o = kafka.offsetRanges();
        InputRange[] r = new InputRange[o.length];
        for (int i = 0; i < o.length; i++) {
            r[i] = new InputRange(o[i].topic(), o[i].partition(), o[i].fromOffset(), o[i].untilOffset());
        }
        return r;
    }

    /** True when no partition has offsets to cover (known from the ranges, without a Spark job). */
    private static boolean rangesEmpty(InputRange[] ranges) {
        for (InputRange r : ranges) {
            if (r.until() > r.from()) {
                return false;
            }
        }
        return true;
    }
}
