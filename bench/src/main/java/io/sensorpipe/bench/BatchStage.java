package io.sensorpipe.bench;

import io.sensorpipe.common.Names;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark batch jobs over what the sink stages stored: {@code bin/pipeline verify} (recompute room_analytics from
 * readings, compare) and {@code bin/pipeline rollup} (hourly statistics), each as its own process, launch to exit.
 * Readings per second of the whole run, Spark start-up included, as a user sees it.
 */
final class BatchStage {
    private static final Pattern VERIFIED = Pattern.compile("verify: (\\d+) rooms, (\\d+) readings.*-> missing=(\\d+) "
            + "extra=(\\d+) mismatching=(\\d+)");

    private BatchStage() {
    }

    static void run(BenchContext ctx) throws Exception {
        long readings = ctx.db.getCollection(Names.COLL_READINGS).estimatedDocumentCount();
        long t0 = System.nanoTime();
        int verifyExit;
        String summary;
        try (Component verify = ctx.start("bench-verify", List.of("verify", "--master", "local[2]"))) {
            verifyExit = verify.awaitExit(1_800);
            summary = verify.logText();
            ctx.report.add(BenchRow.of("batch", "verify --master local[2], launch to exit", readings
                    / ((System.nanoTime() - t0) / 1e9), "readings/s").with("readings", readings)
                    .with("differences", differences(summary)).with("exit_code", verifyExit).with(verify.stats()));
        }
        long t1 = System.nanoTime();
        try (Component rollup = ctx.start("bench-rollup", List.of("rollup", "--master", "local[2]"))) {
            int exit = rollup.awaitExit(1_800);
            if (exit != 0) {
                throw new IllegalStateException("rollup exited with " + exit + "; see " + rollup.log());
            }
            ctx.report.add(BenchRow.of("batch", "rollup --master local[2], launch to exit", readings
                    / ((System.nanoTime() - t1) / 1e9), "readings/s").with("readings", readings).with(rollup.stats()));
        }
    }

    /** missing + extra + mismatching from verify's summary line; -1 when it printed none. */
    private static long differences(String log) {
        Matcher m = VERIFIED.matcher(log);
        long found = -1;
        while (m.find()) {
            found = Long.parseLong(m.group(3)) + Long.parseLong(m.group(4)) + Long.parseLong(m.group(5));
        }
        return found;
    }
}
