package io.sensorpipe.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streaming job's restart after SIGKILL with a long history: 1,000 rooms at one reading per second of event
 * time (--fast-clock), alpha filled with N derived records at full speed; then live traffic (10,000 readings/s, each
 * partition's output reaching the snapshots' record bound every few seconds) during which the job is SIGKILLed at a
 * random moment, so the restore replays whatever followed the newest snapshot then. The restarted job, with those
 * readings and 1,000 more waiting, is timed from launch to its first batch done. With snapshots the restore reads the
 * newest snapshot and the output after it; without (--state-dir none) it reads the whole alpha partition: both rows
 * are printed. The backlogs resume each room's sequence, so the first batch derives records.
 */
final class RestoreStage {
    private static final Pattern FIRST_BATCH = Pattern.compile("batches: batch \\S+: in=([1-9]\\d*) ");
    private static final Pattern RESTORED = Pattern.compile("restored state of \\S+ for input offset \\d+ in (\\d+) ms:"
            + " (?:snapshot of offset \\d+ \\((\\d+) bytes.*?|no snapshot), then (\\d+) derived records.*?(\\d+) rooms,"
            + " (\\d+) readings held");
    private static final int ROOMS = 1_000;
    /** Live traffic before the kill: about 1,700 records per partition per second. */
    private static final int LIVE_RATE = 10_000;
    private static final long LIVE_KILL_MIN_MILLIS = 6_000;
    private static final long LIVE_KILL_SPREAD_MILLIS = 6_000;

    private RestoreStage() {
    }

    /** One pair of rows (with and without snapshots) for a history of {@code history} derived records. */
    static void run(BenchContext ctx, long history, Path stateBase) throws Exception {
        String in = "bench.restore.in." + history;
        String out = "bench.restore.alpha." + history;
        String group = "bench-restore-" + history;
        ctx.createTopic(in);
        ctx.createTopic(out);
        warmClassArchive(ctx, in, history);
        String stateDir = stateBase.resolve("restore-" + history).toString();
        long start = System.currentTimeMillis() - (history / ROOMS + 60) * 1000;
        try (Component fill = ctx.start("bench-restore-fill-" + history, simulate(in, "--count", Long.toString(history),
                "--rate", "max", "--no-resume", "--start", io.sensorpipe.common.Timestamps.iso(start)))) {
            fill.awaitExit(900);
        }
        List<String> job = List.of("stream", "--input-topic", in, "--output-topic", out, "--group", group,
                "--max-rate-per-partition", "60000", "--state-dir", stateDir);
        // the smoke version (CI) only checks the rows are produced: a short live phase
        long killedAfter = (ctx.smoke ? 1_000 : LIVE_KILL_MIN_MILLIS) + java.util.concurrent.ThreadLocalRandom
                .current().nextLong(ctx.smoke ? 1_000 : LIVE_KILL_SPREAD_MILLIS);
        try (Component filling = ctx.start("bench-restore-job-" + history, job)) {
            StreamStage.waitFor(() -> Counts.endOffsets(ctx.admin, out) >= history, 1_800_000);
            try (Component live = ctx.start("bench-restore-live-" + history, simulate(in, "--rate",
                    Integer.toString(LIVE_RATE), "--duration", "30s"))) {
                Thread.sleep(killedAfter);
                filling.kill();   // mid-flow: some output follows the newest snapshot
                live.kill();
            }
        }
        for (boolean snapshots : new boolean[] {true, false}) {
            produce(ctx, in, ROOMS, "bench-restore-backlog-" + history + (snapshots ? "" : "-full"));
            List<String> args = new ArrayList<>(job);
            if (!snapshots) {
                args.set(args.size() - 1, "none");
            }
            long launched = System.nanoTime();
            try (Component restarted = ctx.start("bench-restore-restart-" + history + (snapshots ? "" : "-full"),
                    args)) {
                StreamStage.waitFor(() -> FIRST_BATCH.matcher(restarted.logText()).find(), 600_000);
                double seconds = (System.nanoTime() - launched) / 1e9;
                long restoreMs = 0;
                long replayed = 0;
                long snapshotBytes = 0;
                long held = 0;
                Matcher m = RESTORED.matcher(restarted.logText());
                while (m.find()) {
                    restoreMs = Math.max(restoreMs, Long.parseLong(m.group(1)));
                    snapshotBytes += m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                    replayed += Long.parseLong(m.group(3));
                    held += Long.parseLong(m.group(5));
                }
                ctx.report.add(BenchRow.of("restart after SIGKILL", String.format("1,000 rooms, alpha %,d records, %s",
                        history, snapshots ? "snapshots" : "no snapshots (whole alpha)"), seconds,
                        "s launch->first batch").with("slowest_partition_restore_ms", restoreMs)
                        .with("killed_after_live_ms", killedAfter)
                        .with("derived_records_replayed", replayed).with("snapshot_bytes", snapshotBytes)
                        .with("readings_held", held)
                        .with("state_bytes_per_room", snapshotBytes / (double) ROOMS)
                        .with(restarted.stats()));
            }   // stopped in order: the next restart starts from this one's committed work
        }
    }

    /**
     * An unmeasured run of the job, stopped in order after 8 s, so that the measured restarts start as every run after
     * the first one of a build does: with the class archive that run records (bin/pipeline's class-data sharing). The
     * input is still empty; its output topic and group are its own.
     */
    private static void warmClassArchive(BenchContext ctx, String in, long history) throws Exception {
        String scratch = "bench.restore.warmup." + history;
        ctx.createTopic(scratch);
        try (Component warm = ctx.start("bench-restore-warmup-" + history, List.of("stream", "--input-topic", in,
                "--output-topic", scratch, "--group", scratch, "--state-dir", "none"))) {
            StreamStage.waitFor(() -> warm.logText().contains("batches: batch "), 300_000);
            Thread.sleep(8_000);
        }
    }

    /** {@code count} readings at full speed, each room's sequence and event time resumed from the topic. */
    private static void produce(BenchContext ctx, String topic, long count, String name) throws Exception {
        try (Component sim = ctx.start(name, simulate(topic, "--count", Long.toString(count), "--rate", "max"))) {
            sim.awaitExit(900);
        }
    }

    private static List<String> simulate(String topic, String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", "--rooms", Integer.toString(ROOMS), "--topic", topic,
                "--fast-clock"));
        args.addAll(List.of(more));
        return args;
    }
}
