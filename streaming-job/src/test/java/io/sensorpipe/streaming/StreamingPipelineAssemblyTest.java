package io.sensorpipe.streaming;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.testdata.FaultyReadings;
import io.sensorpipe.streaming.testdata.QueueBatches;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline assembly ({@link StreamingPipeline#assemble}: tasks, judging, analytics, dead letters,
 * acknowledgement, retry of a failed attempt, state restore from committed output) on a queue of RDDs, with its I/O
 * in memory: no broker, no database.
 */
class StreamingPipelineAssemblyTest {
    private static final int PARTITIONS = 3;
    private static final AnalyticsSettings ANALYTICS = AnalyticsSettings.of(Duration.ofSeconds(60), Duration.ofSeconds(30));
    private static JavaSparkContext sc;

    @BeforeAll
    static void spark() {
        sc = new JavaSparkContext(StreamingJob.configure(new SparkConf()).setMaster("local[2]")
                .setAppName("assembly-test").set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void aFailedAttemptIsDoneAgainFromCommittedStateAndTheOutputHoldsExactlyTheReferenceRecords() throws Exception {
        JobSettings settings = new JobSettings(ANALYTICS, "alpha", "readings.dlq", Map.of("bootstrap.servers", "none:1"));
        MemoryJobIo io = new MemoryJobIo("assembly-" + System.nanoTime(), settings);
        io.failSend(2_000);   // in the second batch (the first sends about 1,450): its attempt fails after some of its records were written
        List<List<InputRecord>> partitions = QueueBatches.inputPartitions("readings", PARTITIONS,
                FaultyReadings.generate(11, 12, 4_000));
        List<JavaRDD<InputRecord>> batches = new ArrayList<>();
        for (int[] cut : new int[][] {{0, 500}, {500, 1_000}, {1_000, 1_500}}) {
            batches.add(QueueBatches.batch(sc, partitions, cut[0], cut[1]));
        }

        List<MicroBatchCounts> done = QueueBatches.run(sc, batches, settings, io);

        List<DerivedRecord> expected = ReferenceAnalytics.compute(QueueBatches.readings(partitions),
                Duration.ofSeconds(60), Duration.ofSeconds(30));
        List<DerivedRecord> written = new ArrayList<>();
        io.written("alpha").forEach(s -> written.add(Codec.decodeDerived(s.value()).value()));
        Set<DerivedRecord> distinct = new HashSet<>(written);
        assertEquals(new HashSet<>(expected), distinct, "exactly the reference records, each right");
        assertTrue(written.size() > distinct.size(), "the failed attempt's acknowledged prefix is there again: "
                + written.size() + " written, " + distinct.size() + " distinct");
        assertTrue(done.stream().mapToInt(MicroBatchCounts::rebuilds).sum() > PARTITIONS,
                "the failed attempt was done again from restored state: " + done);
        assertEquals(expected.size(), done.stream().mapToLong(MicroBatchCounts::derived).sum(),
                "the counts are those of the successful attempts");
        assertEquals(QueueBatches.malformed(partitions), io.written("readings.dlq").stream()
                .map(s -> DeadLetter.fromJson(s.value()).id()).distinct().count(),
                "every malformed record is a dead letter");
    }
}
