package io.sensorpipe.reliability.faults;

import io.sensorpipe.common.Names;
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
import io.sensorpipe.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 item 6: a slow database (the proxy delays every chunk it forwards). The raw sink falls behind, so the
 * consumer lag grows, and drains once the load ends; all the while the sink's resident memory (VmRSS, sampled
 * every 250 ms) stays under a fixed bound: it reads at the pace it can write (poll size, commit after ack), it does
 * not buffer the backlog.
 */
@WithStack(value = "slow-database", mongoProxy = true)
class SlowDatabaseIntegrationTest {
    private static final long READINGS = Scale.size("slow.readings", 30_000, 150_000);
    private static final long RATE = Scale.size("slow.rate", 4_000, 6_000);
    private static final Duration LATENCY = Duration.ofMillis(Scale.size("slow.latencyMillis", 100, 100));
    private static final String SINK_HEAP = "-Xmx256m";
    private static final long RSS_BOUND_KB = 640 * 1024;
    private static TestStack stack;
    private static StoredDocs db;
    private static TcpProxy proxy;

    @Test
    void slowDatabaseLetsLagGrowThenDrainWithBoundedSinkMemory() {
        proxy.latency(LATENCY);
        ChildProcess sink = stack.runWhenReady("sink-raw", "mongodb://" + proxy.address(), Map.of("JAVA_OPTS", SINK_HEAP),
                List.of("sink", "raw", "--progress-interval", "1"), Ready.SINK);
        TopicReader topics = new TopicReader(stack.bootstrap());
        AtomicLong peakRss = new AtomicLong();
        AtomicLong peakLag = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> peakRss.accumulateAndGet(sink.residentKb(), Math::max), 0, 250,
                TimeUnit.MILLISECONDS);
        sampler.scheduleWithFixedDelay(() -> peakLag.accumulateAndGet(lag(topics), Math::max), 1, 1, TimeUnit.SECONDS);
        try {
            ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "20", "--count",
                    Long.toString(READINGS), "--rate", Long.toString(RATE), "--seed", "5"), Ready.SIMULATOR);
            assertEquals(0, simulator.awaitExit(Duration.ofMinutes(10)), "simulator exit code; log " + simulator.log());
            SimulatorOutcome sim = SimulatorOutcome.last(simulator.logLines());
            long lagAtEndOfLoad = lag(topics);
            Waits.untilReaches("the slow sink to catch up", sim.acked(), Duration.ofSeconds(90),
                    SlowDatabaseIntegrationTest::stored);
            Waits.until("the committed lag to reach 0", Duration.ofMinutes(1), () -> lag(topics) == 0);

            Results.record("slow database", String.format("%d readings at %d/s, %d ms added per forwarded chunk;"
                            + " lag peaked at %d (%d when the load ended), then drained to 0; sink %s peak VmRSS %d MB"
                            + " (bound %d MB); acked=%d stored=%d", READINGS, RATE, LATENCY.toMillis(), peakLag.get(),
                    lagAtEndOfLoad, SINK_HEAP, peakRss.get() / 1024, RSS_BOUND_KB / 1024, sim.acked(), stored()));
            assertTrue(peakLag.get() >= READINGS / 5, "lag never grew: peak " + peakLag.get());
            assertTrue(sink.isAlive(), "the sink died under the slow database; log " + sink.log());
            assertTrue(peakRss.get() > 0 && peakRss.get() < RSS_BOUND_KB, "sink peak VmRSS " + peakRss.get() + " kB");
            assertEquals(sim.acked(), stored(), "stored readings");
            assertEquals(sim.acked(), db.distinctReadingKeys(Names.COLL_READINGS).size(), "distinct readings");
        } finally {
            sampler.shutdownNow();
        }
    }

    private static long lag(TopicReader topics) {
        return topics.groupLag(Names.GROUP_RAW_SINK, Names.TOPIC_READINGS);
    }

    private static long stored() {
        return db.count(Names.COLL_READINGS);
    }
}
