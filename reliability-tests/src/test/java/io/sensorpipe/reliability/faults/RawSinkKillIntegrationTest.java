package io.sensorpipe.reliability.faults;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.Scale;
import io.sensorpipe.reliability.harness.SimulatorOutcome;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 item 1: the raw sink is killed with SIGKILL several times while readings flow, each time right after a
 * bulk write of a backlog was acknowledged (so the kill lands while the batch's next bulk write is under way);
 * afterwards the stored readings are exactly the ones the simulator had acknowledged: count == distinct (roomId, seq)
 * == acknowledged.
 */
@WithStack("raw-sink-kills")
class RawSinkKillIntegrationTest {
    private static final long READINGS = Scale.size("rawSink.readings", 40_000, 200_000);
    private static final int KILLS = (int) Scale.size("rawSink.kills", 3, 5);
    private static final long RATE = Scale.size("rawSink.rate", 1_500, 4_000);
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void sinkKilledDuringBulkWritesStoresEveryAcknowledgedReadingExactlyOnce() {
        ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "20", "--count",
                Long.toString(READINGS), "--rate", Long.toString(RATE), "--seed", "7"), Ready.SIMULATOR);
        Random random = new Random(7);
        int killedWhileWriting = 0;
        int killedWithWriteInFlight = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            ChildProcess sink = startSink();
            long before = stored();
            Waits.until("the raw sink to write (kill " + kill + ")", Duration.ofMinutes(2), () -> stored() > before);
            Waits.sleep(random.nextInt(1000));
            long justBefore = stored();
            long atKill = awaitNextBulkWrite(justBefore);   // a bulk write was just acknowledged: its batch goes on
            sink.kill();
            Waits.sleep(500);
            long afterKill = stored();
            if (atKill > justBefore) {
                killedWhileWriting++;
            }
            if (afterKill > atKill) {
                killedWithWriteInFlight++;   // the server finished a bulk write the dead sink had sent
            }
            System.out.printf("kill %d: stored %d -> %d at SIGKILL, %d half a second later%n", kill, justBefore,
                    atKill, afterKill);
        }
        ChildProcess sink = startSink();
        assertEquals(0, simulator.awaitExit(Duration.ofMinutes(10)), "simulator exit code; log " + simulator.log());
        SimulatorOutcome sim = SimulatorOutcome.last(simulator.logLines());
        Waits.untilReaches("raw readings stored", sim.acked(), Duration.ofSeconds(90), RawSinkKillIntegrationTest::stored);
        Waits.sleep(3_000);   // anything beyond the acknowledged readings would be a duplicate: give it time to show
        sink.stop(Duration.ofSeconds(60));

        long count = stored();
        long distinct = db.distinctReadingKeys(Names.COLL_READINGS).size();
        Results.record("raw sink SIGKILL", String.format("%d readings at %d/s, %d kills (%d while the stored count was"
                        + " rising, %d with a bulk write completing after the kill); acked=%d stored=%d distinct=%d"
                        + " dead letters=%d", READINGS, RATE, KILLS, killedWhileWriting, killedWithWriteInFlight,
                sim.acked(), count, distinct, db.count(Names.COLL_DEAD_LETTERS)));
        assertEquals(0, sim.failed(), "records the simulator could not deliver");
        assertEquals(READINGS, sim.acked(), "acknowledged readings");
        assertEquals(sim.acked(), count, "stored readings");
        assertEquals(sim.acked(), distinct, "distinct (roomId, seq) stored");
        assertEquals(0, db.count(Names.COLL_DEAD_LETTERS), "dead letters from valid readings");
        assertTrue(killedWhileWriting >= 2, "kills during bulk writes: " + killedWhileWriting + " of " + KILLS);
    }

    /** Samples the stored count every 20 ms until it moves (a bulk write was acknowledged), at most 20 s. */
    private static long awaitNextBulkWrite(long from) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long now = stored();
        while (now == from && System.nanoTime() < deadline) {
            Waits.sleep(20);
            now = stored();
        }
        return now;
    }

    private static ChildProcess startSink() {
        return stack.runWhenReady("sink-raw", List.of("sink", "raw", "--progress-interval", "1"), Ready.SINK);
    }

    private static long stored() {
        return db.count(Names.COLL_READINGS);
    }
}
