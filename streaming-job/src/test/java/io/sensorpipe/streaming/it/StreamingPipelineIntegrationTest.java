package io.sensorpipe.streaming.it;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RoomAnalytics;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.streaming.BatchCounts;
import io.sensorpipe.streaming.InputRecord;
import io.sensorpipe.streaming.JobSettings;
import io.sensorpipe.streaming.StreamingPipeline;
import io.sensorpipe.streaming.state.PartitionStateStore;
import io.sensorpipe.streaming.testdata.FaultyReadings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pipeline assembly fed by a queue of RDDs (no Kafka input), writing to the real broker. */
class StreamingPipelineIntegrationTest {
    private static final int PARTITIONS = 3;

    private final KafkaTopics kafka = new KafkaTopics(SharedStack.get().bootstrapServers());

    @Test
    void replayedAndRestartedBatchesWriteExactlyTheReferenceRecords() throws Exception {
        kafka.create(PARTITIONS, "q.alpha", "q.dlq");
        JobSettings settings = TestSettings.job(SharedStack.get().bootstrapServers(), "q.alpha", "q.dlq");
        List<List<InputRecord>> partitions = inputPartitions(FaultyReadings.generate(5, 12, 6_000));
        JavaSparkContext sc = SharedSpark.context();
        List<JavaRDD<InputRecord>> batches = new ArrayList<>();
        for (int[] cut : new int[][] {{0, 700}, {700, 1_500}, {0, 700}, {1_500, 1_600}, {1_600, 2_100}}) {
            batches.add(batch(sc, partitions, cut[0], cut[1]));
        }
        List<BatchCounts> done = run(sc, batches, settings, () -> {
        });

        List<Reading> arrived = new ArrayList<>();
        partitions.forEach(p -> p.forEach(r -> {
            var d = Codec.decodeReading(r.value());
            if (d.isOk()) {
                arrived.add(d.value());
            }
        }));
        List<RoomAnalytics> expected = ReferenceAnalytics.compute(arrived, Duration.ofSeconds(60), Duration.ofSeconds(30));
        List<RoomAnalytics> written = new ArrayList<>();
        kafka.readAll("q.alpha").values().forEach(p -> p.forEach(r -> written.add(Codec.decodeAnalytics(r.value()).value())));
        // a replayed batch is judged from the state of its own start (committed work only): it derives its records
        // again, byte for byte, and nothing else
        assertEquals(expected.size() + done.get(0).derived(), written.size(), "the replay wrote its records again");
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(written));
        assertEquals(done.get(0), done.get(2),
                "the replay of the first batch does exactly what the first batch did");
        long malformed = partitions.stream().flatMap(List::stream)
                .filter(r -> !Codec.decodeReading(r.value()).isOk()).count();
        assertEquals(malformed + done.get(0).deadLetters(), kafka.count("q.dlq"),
                "each malformed record is a dead letter (the replay sends its letters again)");
    }

    /** Runs the batches through the assembly, one per interval, and returns each batch's counts. */
    private static List<BatchCounts> run(JavaSparkContext sc, List<JavaRDD<InputRecord>> batches,
                                         JobSettings settings, Runnable between) throws InterruptedException {
        PartitionStateStore.clear();
        JavaStreamingContext ssc = new JavaStreamingContext(sc, Durations.milliseconds(500));
        Queue<JavaRDD<InputRecord>> queue = new ArrayDeque<>(batches);
        List<BatchCounts> done = new CopyOnWriteArrayList<>();
        StreamingPipeline.assemble(ssc.queueStream(queue, true), r -> r, settings,
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

    /** Readings spread over partitions by room, with offsets, plus a malformed record every 97 readings. */
    private static List<List<InputRecord>> inputPartitions(List<Reading> readings) {
        List<List<InputRecord>> parts = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            parts.add(new ArrayList<>());
        }
        int n = 0;
        for (Reading r : readings) {
            int p = Math.floorMod(r.roomId().hashCode(), PARTITIONS);
            byte[] key = r.roomId().getBytes(StandardCharsets.UTF_8);
            List<InputRecord> part = parts.get(p);
            part.add(new InputRecord("q.readings", p, part.size(), key, Codec.encode(r)));
            if (++n % 97 == 0) {
                part.add(new InputRecord("q.readings", p, part.size(), key,
                        "{\"v\":1,\"roomId\":\"x\"".getBytes(StandardCharsets.UTF_8)));
            }
        }
        return parts;
    }

    /** One RDD with one Spark partition per input partition, holding offsets [from, until) of each. */
    private static JavaRDD<InputRecord> batch(JavaSparkContext sc, List<List<InputRecord>> parts, int from, int until) {
        List<JavaRDD<InputRecord>> rdds = new ArrayList<>();
        for (List<InputRecord> part : parts) {
            rdds.add(sc.parallelize(part.subList(Math.min(from, part.size()), Math.min(until, part.size())), 1));
        }
        return sc.union(rdds.toArray(JavaRDD[]::new));
    }
}
