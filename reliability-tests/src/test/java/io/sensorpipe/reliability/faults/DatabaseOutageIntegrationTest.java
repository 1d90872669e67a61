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
import io.sensorpipe.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 item 3: the database unreachable for 30 s under load (a TCP proxy between the raw sink and MongoDB drops
 * connections for 15 s, then refuses them for 15 s). Nothing is lost or stored twice, writing resumes by itself
 * within 10 s of the database's return, and the sink backs off (few retry lines, growing delays) instead of
 * retrying in a tight loop.
 */
@WithStack(value = "database-outage", mongoProxy = true)
class DatabaseOutageIntegrationTest {
    private static final long READINGS = Scale.size("outage.readings", 40_000, 150_000);
    private static final long RATE = Scale.size("outage.rate", 800, 2_500);
    private static final Duration HALF_OUTAGE = Duration.ofSeconds(15);
    private static final Pattern RETRY = Pattern.compile("retry (\\d+) in (\\d+) ms");
    private static TestStack stack;
    private static StoredDocs db;
    private static TcpProxy proxy;

    @Test
    void thirtySecondOutageLosesNothingDuplicatesNothingAndBacksOff() throws Exception {
        ChildProcess sink = stack.runWhenReady("sink-raw", "mongodb://" + proxy.address(), Map.of(),
                List.of("sink", "raw", "--progress-interval", "1"), Ready.SINK);
        ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "20", "--count",
                Long.toString(READINGS), "--rate", Long.toString(RATE), "--seed", "3"), Ready.SIMULATOR);
        Waits.until("the sink to store readings", Duration.ofMinutes(3), () -> stored() > 2 * RATE);

        int retryLinesBefore = retries(sink).size();
        long atOutage = stored();
        proxy.mode(TcpProxy.Mode.DROP);
        Waits.sleep(HALF_OUTAGE.toMillis());
        proxy.mode(TcpProxy.Mode.REFUSE);
        Waits.sleep(HALF_OUTAGE.toMillis());
        long duringOutage = stored() - atOutage;
        proxy.mode(TcpProxy.Mode.FORWARD);
        long back = System.nanoTime();
        long atReturn = stored();
        Waits.until("writing to resume after the outage", Duration.ofMinutes(2), () -> stored() > atReturn);
        double resumeSeconds = (System.nanoTime() - back) / 1e9;
        List<Long> outageDelays = retries(sink).subList(retryLinesBefore, retries(sink).size());

        assertEquals(0, simulator.awaitExit(Duration.ofMinutes(10)), "simulator exit code; log " + simulator.log());
        SimulatorOutcome sim = SimulatorOutcome.last(simulator.logLines());
        Waits.untilReaches("raw readings stored", sim.acked(), Duration.ofSeconds(90), DatabaseOutageIntegrationTest::stored);
        Waits.sleep(3_000);
        sink.stop(Duration.ofSeconds(60));
        long count = stored();
        long distinct = db.distinctReadingKeys(Names.COLL_READINGS).size();
        long maxDelay = outageDelays.stream().mapToLong(Long::longValue).max().orElse(0);

        Results.record("database outage", String.format("%d readings at %d/s, MongoDB cut off for %d s (drop, then"
                        + " refuse) after %d stored; %d stored meanwhile; writing resumed %.1f s after the return;"
                        + " %d retry lines during the outage, longest delay %d ms; acked=%d stored=%d distinct=%d",
                READINGS, RATE, 2 * HALF_OUTAGE.toSeconds(), atOutage, duringOutage, resumeSeconds,
                outageDelays.size(), maxDelay, sim.acked(), count, distinct));
        assertEquals(sim.acked(), count, "stored readings");
        assertEquals(sim.acked(), distinct, "distinct (roomId, seq) stored");
        assertTrue(resumeSeconds <= 10, "writing resumed " + resumeSeconds + " s after the database returned");
        assertTrue(outageDelays.size() >= 2, "retries logged during the outage: " + outageDelays.size());
        assertTrue(outageDelays.size() <= 2 * HALF_OUTAGE.toSeconds(),
                "more than one retry per second: a tight loop (" + outageDelays.size() + " in 30 s)");
        assertTrue(maxDelay >= 1_000, "the retry delay never grew past " + maxDelay + " ms: no backoff");
    }

    /** The delays of every retry line the sink logged so far. */
    private static List<Long> retries(ChildProcess sink) {
        return sink.logLines().stream().map(RETRY::matcher).filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(2))).toList();
    }

    private static long stored() {
        return db.count(Names.COLL_READINGS);
    }
}
