package io.sensorpipe.reliability.settings;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.NetPromise;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 5: W and L are part of the state. A restart with another lateness is refused with one line naming
 * the settings (exit 2) instead of re-judging published readings; the documented procedure (stop the job and the
 * derived sink, {@code bin/pipeline recompute --yes}, start both with the new value) leaves room_analytics equal to
 * what the new settings compute, with no stale document.
 */
@Tag("fault-suite")   // slow: bin/fault-suite only (CI time)
@WithStack("settings-change")
class SettingsChangeIntegrationTest {
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void anotherLatenessIsRefusedAndRecomputeGivesWhatTheNewSettingsCompute() {
        ChildProcess job = stack.runWhenReady("stream", List.of("stream"), Ready.STREAM);
        stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        ChildProcess derived = stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        ChildProcess late = stack.runWhenReady("sink-late", List.of("sink", "late"), Ready.SINK_LATE);
        // out-of-order readings up to 60 s back: all accepted with L = 300 s, some too late with L = 20 s
        ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "4", "--count", "2000",
                "--rate", "400", "--seed", "3", "--fast-clock", "--out-of-order-rate", "0.3"), Ready.SIMULATOR);
        assertEquals(0, simulator.awaitExit(Duration.ofMinutes(5)), "simulator exit; log " + simulator.log());
        NetPromise before = NetPromise.check(stack, db, Duration.ofSeconds(60), Duration.ofSeconds(300), 0);
        job.stop(Duration.ofSeconds(60));

        ChildProcess refused = stack.run("stream-refused", List.of("stream", "--lateness", "20s"));
        int refusedExit = refused.awaitExit(Duration.ofMinutes(3));
        List<String> errors = refused.logLines().stream().filter(l -> l.startsWith("error:")).toList();

        long lateBefore = db.count(Names.COLL_LATE);
        derived.stop(Duration.ofSeconds(60));
        late.stop(Duration.ofSeconds(60));
        ChildProcess recompute = stack.run("recompute", List.of("recompute", "--yes"));
        int recomputeExit = recompute.awaitExit(Duration.ofMinutes(3));
        stack.runWhenReady("stream", List.of("stream", "--lateness", "20s"), Ready.STREAM);
        stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        stack.runWhenReady("sink-late", List.of("sink", "late"), Ready.SINK_LATE);
        NetPromise after = NetPromise.check(stack, db, Duration.ofSeconds(60), Duration.ofSeconds(20), 0);
        // no duplicates were sent: every reading the new L does not accept is a late reading, stored once
        long tooLate = before.expected() - after.expected();
        Waits.untilReaches("late readings stored", tooLate, Duration.ofMinutes(2), () -> db.count(Names.COLL_LATE));
        List<org.bson.Document> lateDocs = db.collection(Names.COLL_LATE).find().into(new java.util.ArrayList<>());

        Results.record("settings change", String.format("L 300 s: expected %d derived; restart with L 20 s -> exit %d,"
                        + " %s; recompute exit %d; L 20 s: expected %d derived, stored %d; %s", before.expected(),
                refusedExit, errors, recomputeExit, after.expected(), after.derived(), after.line()));
        assertEquals(2, refusedExit, "a restart with another lateness must be refused; log " + refused.log());
        assertEquals(1, errors.size(), "one error line; log " + refused.log());
        assertTrue(errors.get(0).contains("--window/--lateness") && errors.get(0).contains("L=300000ms")
                && errors.get(0).contains("L=20000ms"), "the line names the settings: " + errors.get(0));
        assertTrue(refused.logLines().stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace");
        assertEquals(0, recomputeExit, "recompute exit; log " + recompute.log());
        assertTrue(after.expected() < before.expected(), "with L 20 s some readings are too late: "
                + after.expected() + " vs " + before.expected());
        assertEquals(0, lateBefore, "with L 300 s no reading is too late");
        assertEquals(tooLate, lateDocs.size(), "late_readings: the readings L 20 s does not accept, each once");
        for (org.bson.Document d : lateDocs) {
            assertEquals(20_000L, ((Number) d.get("latenessMillis")).longValue(), d.toJson());
            assertTrue(((Number) d.get("lateMillis")).longValue() > 20_000, d.toJson());
        }
    }
}
