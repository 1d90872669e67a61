package io.sensorpipe.reliability.faults;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.Scale;
import io.sensorpipe.reliability.harness.SimulatorOutcome;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 item 4: the Kafka broker is stopped for a while and started again (same port, same data) while the
 * simulator produces and the raw sink stores. Afterwards every reading the simulator had acknowledged is stored, once:
 * the stored ids equal the readings on the topic, and there are at least as many as were acknowledged.
 */
@WithStack("broker-restart")
class BrokerRestartIntegrationTest {
    private static final long READINGS = Scale.size("broker.readings", 30_000, 150_000);
    private static final long RATE = Scale.size("broker.rate", 1_000, 3_000);
    private static final Duration DOWN = Duration.ofSeconds(Scale.size("broker.downSeconds", 10, 20));
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void brokerRestartLosesNoAcknowledgedReading() {
        ChildProcess sink = stack.runWhenReady("sink-raw", List.of("sink", "raw", "--progress-interval", "1"), Ready.SINK);
        ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "20", "--count",
                Long.toString(READINGS), "--rate", Long.toString(RATE), "--seed", "9"), Ready.SIMULATOR);
        Waits.until("the sink to store readings", Duration.ofMinutes(3), () -> stored() > 3 * RATE);

        long atStop = stored();
        stack.stack().stopKafka();
        Waits.sleep(DOWN.toMillis());
        long restartStart = System.nanoTime();
        stack.stack().startKafka();
        double restartSeconds = (System.nanoTime() - restartStart) / 1e9;

        int exit = simulator.awaitExit(Duration.ofMinutes(10));
        SimulatorOutcome sim = SimulatorOutcome.last(simulator.logLines());
        Set<String> onTopic = readingIdsOnTopic();
        Waits.untilReaches("raw readings stored", onTopic.size(), Duration.ofSeconds(120),
                BrokerRestartIntegrationTest::stored);
        Waits.sleep(3_000);
        sink.stop(Duration.ofSeconds(60));
        Set<String> storedIds = db.distinctReadingKeys(Names.COLL_READINGS);

        Results.record("broker restart", String.format("%d readings at %d/s, broker stopped after %d stored, down %d s,"
                        + " restart took %.1f s; simulator exit %d, acked=%d failed=%d; on topic=%d stored=%d distinct=%d",
                READINGS, RATE, atStop, DOWN.toSeconds(), restartSeconds, exit, sim.acked(), sim.failed(),
                onTopic.size(), stored(), storedIds.size()));
        assertEquals(onTopic, storedIds, "stored ids differ from the readings on the topic");
        assertEquals(stored(), storedIds.size(), "stored documents vs distinct ids");
        assertTrue(storedIds.size() >= sim.acked(), "stored " + storedIds.size() + " < acknowledged " + sim.acked());
        assertEquals(0, sim.failed(), "records the simulator could not deliver across the restart");
    }

    private static Set<String> readingIdsOnTopic() {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : new TopicReader(stack.bootstrap()).readAll(Names.TOPIC_READINGS)) {
            Decoded<Reading> d = Codec.decodeReading(r.value());
            if (d.isOk()) {
                ids.add(d.value().id());
            }
        }
        return ids;
    }

    private static long stored() {
        return db.count(Names.COLL_READINGS);
    }
}
