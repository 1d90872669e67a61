package io.sensorpipe.streaming.it;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.producer.Emission;
import io.sensorpipe.producer.FaultRates;
import io.sensorpipe.producer.ReadingGenerator;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.streaming.MicroBatchCounts;
import io.sensorpipe.streaming.StreamingJob;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running job (Kafka direct stream in, alpha out) on the embedded broker with 50,000 simulator readings. */
class StreamingJobIntegrationTest {
    private static final int READINGS = 50_000;

    private static EmbeddedStack stack;
    private static KafkaTopics kafka;

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
        kafka = new KafkaTopics(stack.bootstrapServers());
    }

    @Test
    void alphaDeduplicatedEqualsReferenceRecomputedFromReadings() throws Exception {
        long malformed = produceSimulatorReadings();
        StreamingJob job = StreamingJob.start(SharedSpark.context(), TestSettings.options(stack.bootstrapServers(),
                Names.TOPIC_READINGS, Names.TOPIC_ALPHA, Names.TOPIC_DLQ, "it-streaming"));
        long total = kafka.count(Names.TOPIC_READINGS);
        try {
            awaitInput(job, total);
        } finally {
            job.stop(false);   // every batch counted so far is already acknowledged
        }
        MicroBatchCounts counts = job.batchLog().total();

        List<Reading> arrived = kafka.readingsInArrivalOrder(Names.TOPIC_READINGS);
        List<DerivedRecord> expected = ReferenceAnalytics.compute(arrived, Duration.ofSeconds(60), Duration.ofSeconds(30));
        Map<String, DerivedRecord> actual = kafka.derivedById(Names.TOPIC_ALPHA);
        assertEquals(KafkaTopics.ids(expected), actual.keySet(), "the same (roomId, seq) set");
        Map<String, DerivedRecord> expectedById = new LinkedHashMap<>();
        expected.forEach(a -> expectedById.put(a.id(), a));
        assertEquals(expectedById, actual, "record for record");
        assertTrue(counts.duplicates() > 0 && counts.tooLate() > 0, "faults were exercised: " + counts);
        assertEquals(expected.size(), counts.derived());
        assertDeadLettersAreTheMalformedRecords(malformed);
    }

    private void assertDeadLettersAreTheMalformedRecords(long malformed) {
        Set<String> undecodable = new TreeSet<>();
        kafka.readAll(Names.TOPIC_READINGS).values().forEach(part -> part.forEach(r -> {
            if (!Codec.decodeReading(r.value()).isOk()) {
                undecodable.add(r.partition() + ":" + r.offset());
            }
        }));
        Set<String> lettered = new TreeSet<>();
        for (List<ConsumerRecord<byte[], byte[]>> part : kafka.readAll(Names.TOPIC_DLQ).values()) {
            for (ConsumerRecord<byte[], byte[]> r : part) {
                DeadLetter d = DeadLetter.fromJson(r.value());
                assertEquals(Names.TOPIC_READINGS, d.topic());
                assertTrue(!d.reason().isBlank());
                lettered.add(d.partition() + ":" + d.offset());
            }
        }
        assertEquals(malformed, undecodable.size(), "every malformed payload is undecodable");
        assertEquals(undecodable, lettered, "each undecodable record is in readings.dlq with its coordinates");
    }

    /** Sends 50,000 generator records (duplicates, gaps, out-of-order times, malformed); returns malformed. */
    private static long produceSimulatorReadings() throws Exception {
        ReadingGenerator generator = new ReadingGenerator(40, 11, 1_790_000_000_000L, 1_000,
                new FaultRates(0.02, 0.05, 0.02, 0.002), Map.of());
        List<byte[][]> records = new ArrayList<>(READINGS);
        long malformed = 0;
        while (records.size() < READINGS) {
            Emission e = generator.next();
            records.add(new byte[][] {e.key(), e.value()});
            malformed += e.kind() == Emission.Kind.MALFORMED ? 1 : 0;
        }
        kafka.produce(Names.TOPIC_READINGS, records);
        return malformed;
    }

    private static void awaitInput(StreamingJob job, long total) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (job.batchLog().total().in() < total) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job took only " + job.batchLog().total().in() + " of " + total);
            }
            Thread.sleep(200);
        }
    }
}
