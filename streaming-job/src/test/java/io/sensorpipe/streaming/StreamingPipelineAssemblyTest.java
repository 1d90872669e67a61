package io.sensorpipe.streaming;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.LateReading;
import io.sensorpipe.common.Reading;
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

    @Test
    void readingsThatAreNotPlainReSendsArePublishedOnTheLateTopicWithTheirReason() throws Exception {
        JobSettings settings = new JobSettings(ANALYTICS, "alpha", "readings.dlq", Map.of("bootstrap.servers", "none:2"),
                null, 0, "readings.late");
        MemoryJobIo io = new MemoryJobIo("late-" + System.nanoTime(), settings);
        long t0 = FaultyReadings.START_MILLIS;
        List<Reading> readings = List.of(new Reading("room-1", 1, t0, 20.0), new Reading("room-1", 3, t0 + 2_000, 20.5),
                new Reading("room-1", 3, t0 + 2_000, 20.5),       // a plain re-send: counted, not shown
                new Reading("room-1", 3, t0 + 2_000, 25.0),       // conflicting duplicate
                new Reading("room-1", 2, t0 + 1_000, 20.2),       // out of order: 3 came first
                new Reading("room-1", 4, t0 + 100_000, 21.0),
                new Reading("room-1", 5, t0 + 10_000, 21.0),      // too late: 90 s behind, L = 30 s
                new Reading("room-1", 6, t0 + 101_000, 21.5),
                new Reading("room-1", 5, t0 + 10_000, 21.0));     // the too-late one again: out of order now
        List<List<InputRecord>> partitions = QueueBatches.inputPartitions("readings", 1, readings);
        List<MicroBatchCounts> done = QueueBatches.run(sc, List.of(QueueBatches.batch(sc, partitions, 0, 4),
                QueueBatches.batch(sc, partitions, 4, 100)), settings, io);

        MicroBatchCounts total = done.stream().reduce(MicroBatchCounts.ZERO, MicroBatchCounts::plus);
        assertEquals(4, total.derived());
        assertEquals(4, total.duplicates(), total.toString());
        assertEquals(1, total.conflicting(), total.toString());
        assertEquals(2, total.outOfOrder(), total.toString());
        assertEquals(1, total.tooLate(), total.toString());
        List<String> shown = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (var s : io.written("readings.late")) {
            LateReading late = LateReading.parse(s.value()).value();
            shown.add(late.seq() + " " + late.reason() + " " + late.temperature() + " @" + late.offset());
            ids.add(late.id());
        }
        assertEquals(List.of("3 conflicting duplicate 25.0 @3", "2 out of order 20.2 @4", "5 too late 21.0 @6",
                "5 out of order 21.0 @8"), shown);
        assertEquals(3, ids.size(), "the too-late reading sent twice has one document id: " + ids);
        assertEquals(1, total.states().size(), "the partition's state size is reported: " + total.states());
        MicroBatchCounts.StateSize size = total.states().get("readings-0");
        assertEquals(1, size.rooms());
        assertTrue(size.readings() >= 2 && size.bytes() > size.readings() * 32, size.toString());
    }
}
