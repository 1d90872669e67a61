package io.sensorpipe.streaming.testdata;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import io.sensorpipe.streaming.InputRecord;
import io.sensorpipe.streaming.JobIo;
import io.sensorpipe.streaming.JobSettings;
import io.sensorpipe.streaming.MicroBatchCounts;
import io.sensorpipe.streaming.StreamingPipeline;
import io.sensorpipe.streaming.state.PartitionStateStore;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Input for the pipeline assembly fed by a queue of RDDs: records per input partition, cut into batches. */
public final class QueueBatches {
    private QueueBatches() {
    }

    /**
     * Readings spread over {@code partitions} by room, with offsets, plus a malformed record every 97 readings
     * (topic {@code topic}).
     */
    public static List<List<InputRecord>> inputPartitions(String topic, int partitions, List<Reading> readings) {
        List<List<InputRecord>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new ArrayList<>());
        }
        int n = 0;
        for (Reading r : readings) {
            int p = Math.floorMod(r.roomId().hashCode(), partitions);
            byte[] key = r.roomId().getBytes(StandardCharsets.UTF_8);
            List<InputRecord> part = parts.get(p);
            part.add(new InputRecord(topic, p, part.size(), key, Codec.encode(r)));
            if (++n % 97 == 0) {
                part.add(new InputRecord(topic, p, part.size(), key,
                        "{\"v\":1,\"roomId\":\"x\"".getBytes(StandardCharsets.UTF_8)));
            }
        }
        return parts;
    }

    /** One RDD with one Spark partition per input partition, holding offsets [from, until) of each. */
    public static JavaRDD<InputRecord> batch(JavaSparkContext sc, List<List<InputRecord>> parts, int from, int until) {
        List<JavaRDD<InputRecord>> rdds = new ArrayList<>();
        for (List<InputRecord> part : parts) {
            rdds.add(sc.parallelize(part.subList(Math.min(from, part.size()), Math.min(until, part.size())), 1));
        }
        return sc.union(rdds.toArray(JavaRDD[]::new));
    }

    /** The readings among the records that decode (in partition order). */
    public static List<Reading> readings(List<List<InputRecord>> parts) {
        List<Reading> arrived = new ArrayList<>();
        parts.forEach(p -> p.forEach(r -> {
            var d = Codec.decodeReading(r.value());
            if (d.isOk()) {
                arrived.add(d.value());
            }
        }));
        return arrived;
    }

    /** How many records do not decode. */
    public static long malformed(List<List<InputRecord>> parts) {
        return parts.stream().flatMap(List::stream).filter(r -> !Codec.decodeReading(r.value()).isOk()).count();
    }

    /**
     * Runs the batches through the pipeline assembly with the given I/O, one per 500 ms interval, from empty state,
     * and returns each batch's counts (fails unless every batch ran within two minutes).
     */
    public static List<MicroBatchCounts> run(JavaSparkContext sc, List<JavaRDD<InputRecord>> batches, JobSettings settings,
                                        JobIo io) throws InterruptedException {
        PartitionStateStore.clear();
        JavaStreamingContext ssc = new JavaStreamingContext(sc, Durations.milliseconds(500));
        Queue<JavaRDD<InputRecord>> queue = new ArrayDeque<>(batches);
        List<MicroBatchCounts> done = new CopyOnWriteArrayList<>();
        StreamingPipeline.assemble(ssc.queueStream(queue, true), r -> r, settings, io,
                (rdd, time, counts) -> {
                    if (counts.in() > 0) {      // the queue, once drained, yields empty batches
                        done.add(counts);
                    }
                });
        ssc.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (done.size() < batches.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        ssc.stop(false, true);
        assertEquals(batches.size(), done.size(), "every batch ran");
        return done;
    }
}
