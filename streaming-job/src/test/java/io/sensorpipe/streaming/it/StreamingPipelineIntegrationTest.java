package io.sensorpipe.streaming.it;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.streaming.InputRecord;
import io.sensorpipe.streaming.JobSettings;
import io.sensorpipe.streaming.KafkaJobIo;
import io.sensorpipe.streaming.MicroBatchCounts;
import io.sensorpipe.streaming.testdata.FaultyReadings;
import io.sensorpipe.streaming.testdata.QueueBatches;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pipeline assembly fed by a queue of RDDs (no Kafka input), writing to the real broker. */
class StreamingPipelineIntegrationTest {
    private static final int PARTITIONS = 3;

    private final KafkaTopics kafka = new KafkaTopics(SharedStack.get().bootstrapServers());

    @Test
    void replayedAndRestartedBatchesWriteExactlyTheReferenceRecords() throws Exception {
        kafka.create(PARTITIONS, "q.alpha", "q.dlq");
        JobSettings settings = TestSettings.job(SharedStack.get().bootstrapServers(), "q.alpha", "q.dlq");
        List<List<InputRecord>> partitions = QueueBatches.inputPartitions("q.readings", PARTITIONS,
                FaultyReadings.generate(5, 12, 6_000));
        JavaSparkContext sc = SharedSpark.context();
        List<JavaRDD<InputRecord>> batches = new ArrayList<>();
        for (int[] cut : new int[][] {{0, 700}, {700, 1_500}, {0, 700}, {1_500, 1_600}, {1_600, 2_100}}) {
            batches.add(QueueBatches.batch(sc, partitions, cut[0], cut[1]));
        }
        List<MicroBatchCounts> done = QueueBatches.run(sc, batches, settings, new KafkaJobIo(settings));

        List<DerivedRecord> expected = ReferenceAnalytics.compute(QueueBatches.readings(partitions),
                Duration.ofSeconds(60), Duration.ofSeconds(30));
        List<DerivedRecord> written = new ArrayList<>();
        kafka.readAll("q.alpha").values().forEach(p -> p.forEach(r -> written.add(Codec.decodeDerived(r.value()).value())));
        // a replayed batch is judged from the state of its own start (committed work only): it derives its records
        // again, byte for byte, and nothing else
        assertEquals(expected.size() + done.get(0).derived(), written.size(), "the replay wrote its records again");
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(written));
        assertEquals(done.get(0), done.get(2),
                "the replay of the first batch does exactly what the first batch did");
        assertEquals(QueueBatches.malformed(partitions) + done.get(0).deadLetters(), kafka.count("q.dlq"),
                "each malformed record is a dead letter (the replay sends its letters again)");
    }
}
