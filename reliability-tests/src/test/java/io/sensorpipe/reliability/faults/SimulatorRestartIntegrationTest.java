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
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 item 5: the simulator is killed with SIGKILL and started again (same seed, same command) several times.
 * On the topic, each room's sequence numbers only go up; the only repeats are the injected duplicates, which carry
 * exactly the bytes of the earlier record with that seq. A reused seq would show up as a different record with an old
 * seq.
 */
@WithStack("simulator-restart")
class SimulatorRestartIntegrationTest {
    private static final long READINGS_PER_RUN = Scale.size("simulator.readings", 20_000, 100_000);
    private static final long RATE = Scale.size("simulator.rate", 2_000, 5_000);
    private static final int KILLS = (int) Scale.size("simulator.kills", 2, 3);
    private static TestStack stack;

    @Test
    void restartedSimulatorNeverReusesASequenceNumber() {
        TopicReader topics = new TopicReader(stack.bootstrap());
        List<String> args = List.of("simulate", "--rooms", "10", "--count", Long.toString(READINGS_PER_RUN),
                "--rate", Long.toString(RATE), "--seed", "11", "--duplicate-rate", "0.01", "--malformed-rate", "0.005",
                "--out-of-order-rate", "0.02");
        for (int kill = 1; kill <= KILLS; kill++) {
            long before = topics.endOffsetTotal(Names.TOPIC_READINGS);
            ChildProcess simulator = stack.runWhenReady("simulate", args, Ready.SIMULATOR);
            Waits.until("the simulator to produce (run " + kill + ")", Duration.ofMinutes(3),
                    () -> topics.endOffsetTotal(Names.TOPIC_READINGS) > before + 2 * RATE);
            simulator.kill();
        }
        ChildProcess last = stack.runWhenReady("simulate", args, Ready.SIMULATOR);
        assertEquals(0, last.awaitExit(Duration.ofMinutes(10)), "last simulator run; log " + last.log());
        SimulatorOutcome sim = SimulatorOutcome.last(last.logLines());

        SeqCheck check = check(topics.readAll(Names.TOPIC_READINGS));
        Results.record("simulator restart", String.format("%d SIGKILLs then a full run of %d readings at %d/s (10"
                        + " rooms, 1%% duplicates, 0.5%% malformed); topic: %d records, %d distinct seqs, %d injected"
                        + " duplicates, %d malformed, %d reused seqs", KILLS, READINGS_PER_RUN, RATE, check.records,
                check.distinct, check.duplicates, check.undecodable, check.reused.size()));
        assertEquals(List.of(), check.reused, "sequence numbers reused with different content");
        assertEquals(0, sim.failed(), "records the last run could not deliver");
        assertTrue(check.distinct >= READINGS_PER_RUN + KILLS * 2 * RATE / 2,
                "fewer distinct readings than the runs produced: " + check.distinct);
        assertTrue(check.duplicates > 0, "no injected duplicate seen: the check would not notice a repeat");
    }

    /** Walks each room's records in offset order: a seq at or below the room's highest must repeat its bytes. */
    private static SeqCheck check(List<ConsumerRecord<byte[], byte[]>> records) {
        SeqCheck c = new SeqCheck();
        Map<String, Map<Long, byte[]>> seen = new HashMap<>();
        Map<String, Long> highest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            c.records++;
            Decoded<Reading> d = Codec.decodeReading(r.value(), Long.MAX_VALUE / 4);
            if (!d.isOk()) {
                c.undecodable++;
                continue;
            }
            Reading reading = d.value();
            Map<Long, byte[]> room = seen.computeIfAbsent(reading.roomId(), k -> new HashMap<>());
            long top = highest.getOrDefault(reading.roomId(), 0L);
            if (reading.seq() > top) {
                highest.put(reading.roomId(), reading.seq());
                room.put(reading.seq(), r.value());
                c.distinct++;
            } else if (room.containsKey(reading.seq()) && Arrays.equals(room.get(reading.seq()), r.value())) {
                c.duplicates++;
            } else {
                c.reused.add(reading.roomId() + ":" + reading.seq() + " at " + r.topic() + ":" + r.partition() + ":"
                        + r.offset() + " = " + new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return c;
    }

    /** Counts of the sequence check. */
    private static final class SeqCheck {
        long records;
        long distinct;
        long duplicates;
        long undecodable;
        final List<String> reused = new ArrayList<>();
    }
}
