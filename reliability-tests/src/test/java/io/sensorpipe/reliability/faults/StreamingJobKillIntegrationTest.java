package io.sensorpipe.reliability.faults;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 item 2: the streaming job is killed with SIGKILL several times while it processes readings (with
 * duplicates, gaps and out-of-order times injected) and started again each time; both sinks run throughout.
 * Afterwards {@code alpha}, with replays collapsed, equals an independent recomputation from the readings topic
 * (ReferenceAnalytics), every replayed record repeats the same content, and {@code bin/pipeline verify} finds
 * 0 missing, 0 extra and 0 mismatching records in MongoDB.
 */
@Tag("fault-suite")   // slow: bin/fault-suite only (CI time)
@WithStack("streaming-job-kills")
class StreamingJobKillIntegrationTest {
    private static final long READINGS = Scale.size("stream.readings", 10_000, 100_000);
    private static final long RATE = Scale.size("stream.rate", 250, 1_000);
    private static final int KILLS = (int) Scale.size("stream.kills", 3, 3);
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void jobKilledThreeTimesStillDerivesEveryRecordExactlyRight() {
        stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "10", "--count",
                Long.toString(READINGS), "--rate", Long.toString(RATE), "--seed", "13", "--duplicate-rate", "0.01",
                "--gap-rate", "0.01", "--out-of-order-rate", "0.05"), Ready.SIMULATOR);
        TopicReader topics = new TopicReader(stack.bootstrap());
        Random random = new Random(13);
        for (int kill = 1; kill <= KILLS; kill++) {
            ChildProcess job = startJob();
            long before = topics.endOffsetTotal(Names.TOPIC_ALPHA);
            Waits.until("the job to write derived records (kill " + kill + ")", Duration.ofMinutes(4),
                    () -> topics.endOffsetTotal(Names.TOPIC_ALPHA) > before);
            Waits.sleep(1_000 + random.nextInt(3_000));
            job.kill();
            System.out.printf("kill %d: alpha held %d records before this run, %d at SIGKILL%n", kill, before,
                    topics.endOffsetTotal(Names.TOPIC_ALPHA));
        }
        ChildProcess job = startJob();
        assertEquals(0, simulator.awaitExit(Duration.ofMinutes(10)), "simulator exit code; log " + simulator.log());
        SimulatorOutcome sim = SimulatorOutcome.last(simulator.logLines());
        assertEquals(0, sim.failed(), "records the simulator could not deliver");

        List<Reading> readings = readingsInArrivalOrder(topics);
        long distinctReadings = readings.stream().map(Reading::id).distinct().count();   // injected duplicates once
        List<DerivedRecord> expected = ReferenceAnalytics.compute(readings, Duration.ofSeconds(60),
                Duration.ofSeconds(300));
        Duration stall = Duration.ofMinutes(5);   // a restarted job first rebuilds its state and reads the backlog
        Waits.untilReaches("derived records stored", expected.size(), stall, () -> db.count(Names.COLL_ANALYTICS));
        Waits.untilReaches("raw readings stored", distinctReadings, stall, () -> db.count(Names.COLL_READINGS));
        job.stop(Duration.ofSeconds(60));

        AlphaCheck alpha = compare(expected, topics.readAll(Names.TOPIC_ALPHA));
        ChildProcess verify = stack.run("verify", List.of("verify"));
        int verifyExit = verify.awaitExit(Duration.ofMinutes(10));
        String summary = verify.logLines().stream().filter(l -> l.contains("missing=")).reduce((a, b) -> b).orElse("");

        Results.record("streaming job SIGKILL", String.format("%d readings at %d/s (1%% duplicates, 1%% gaps, 5%% out of"
                        + " order), %d kills; alpha: %d records, %d distinct, %d replayed copies (%d differing),"
                        + " expected %d, missing %d, wrong %d; %s", READINGS, RATE, KILLS, alpha.records,
                alpha.distinct.size(), alpha.records - alpha.distinct.size(), alpha.differingReplays, expected.size(),
                alpha.missing, alpha.wrong, summary.trim()));
        assertEquals(0, alpha.missing, "derived records missing from alpha");
        assertEquals(0, alpha.wrong, "derived records on alpha that differ from the recomputation");
        assertEquals(expected.size(), alpha.distinct.size(), "distinct derived records on alpha");
        assertEquals(0, alpha.differingReplays, "replayed derived records whose content changed");
        assertEquals(0, verifyExit, "bin/pipeline verify exit code; log " + verify.log());
        assertTrue(summary.contains("missing=0 extra=0 mismatching=0"), "verify said: " + summary);
    }

    private static ChildProcess startJob() {
        // bounded batches: after a restart the backlog is read in steps, not in one batch as long as the outage
        return stack.runWhenReady("stream", List.of("stream", "--batch-interval", "1s", "--max-rate-per-partition",
                "500"), Ready.STREAM);
    }

    /** The readings topic decoded, partition by partition in offset order (each room lives in one partition). */
    private static List<Reading> readingsInArrivalOrder(TopicReader topics) {
        List<Reading> readings = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : topics.readAll(Names.TOPIC_READINGS)) {
            Decoded<Reading> d = Codec.decodeReading(r.value());
            if (d.isOk()) {
                readings.add(d.value());
            }
        }
        return readings;
    }

    private static AlphaCheck compare(List<DerivedRecord> expected, List<ConsumerRecord<byte[], byte[]>> alpha) {
        AlphaCheck c = new AlphaCheck();
        for (ConsumerRecord<byte[], byte[]> r : alpha) {
            c.records++;
            Decoded<DerivedRecord> d = Codec.decodeDerived(r.value());
            assertTrue(d.isOk(), "the job wrote an undecodable record: " + d.reason());
            DerivedRecord previous = c.distinct.put(d.value().id(), d.value());
            if (previous != null && !previous.equals(d.value())) {
                c.differingReplays++;
            }
        }
        for (DerivedRecord e : expected) {
            DerivedRecord got = c.distinct.get(e.id());
            if (got == null) {
                c.missing++;
            } else if (!got.equals(e)) {
                c.wrong++;
            }
        }
        return c;
    }

    /** What the comparison of alpha with the recomputation found. */
    private static final class AlphaCheck {
        long records;
        long missing;
        long wrong;
        long differingReplays;
        final Map<String, DerivedRecord> distinct = new HashMap<>();
    }
}
