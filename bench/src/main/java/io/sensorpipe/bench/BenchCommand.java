package io.sensorpipe.bench;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.Settings;
import io.sensorpipe.common.process.ProjectHome;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bin/pipeline bench}: every stage measured in one session on one embedded stack, printed as one table. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the pipeline stage by stage and end to end on the embedded stack; prints one table"
                + " and writes the same figures as JSON.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--readings", paramLabel = "N", defaultValue = "1000000",
            description = "Readings per throughput stage (default: ${DEFAULT-VALUE}).")
    long readings;

    @Option(names = "--rooms", paramLabel = "N", defaultValue = "20", description = "Rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "30",
            description = "Length of each fixed-rate latency run (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--restore-history", paramLabel = "N,...", split = ",", defaultValue = "1000000,5000000",
            description = "Sizes of alpha for the restart-after-SIGKILL rows (default: ${DEFAULT-VALUE}).")
    List<Long> restoreHistory;

    @Option(names = "--only", paramLabel = "STAGE", description = "Run one group of stages only: producers, stream,"
            + " restore, sinks, sink-latency, latency, metrics or peers (default: all).")
    String only;

    @Option(names = "--smoke", description = "Small sizes and one latency run: checks every row is produced (CI).")
    boolean smoke;

    @Option(names = "--profile", description = "Record every component, the broker and the database server with JDK"
            + " Flight Recorder and print where each stage's CPU time went (writes <data-dir>/profiles/*.jfr).")
    boolean profile;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON output (default: <data-dir>/bench.json).")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Stack data and logs (default: a fresh temporary directory).")
    Path dataDir;

    /** Entry point. */
    public static void main(String[] args) {
        Cli.main(new BenchCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            readings = Math.min(readings, 15_000);
            latencySeconds = Math.min(latencySeconds, 6);
        }
        Settings.positive(readings, "--readings");
        Settings.positive(rooms, "--rooms");
        Settings.positive(latencySeconds, "--latency-seconds");
        List<String> groups = List.of("producers", "stream", "restore", "sinks", "sink-latency", "latency", "metrics",
                "peers");
        Settings.require(only == null || groups.contains(only), "--only", "'" + only + "' is none of "
                + String.join(", ", groups));
        restoreHistory.forEach(h -> Settings.require(h >= 1_000, "--restore-history", "sizes must be at least 1000,"
                + " got " + h));
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("sensorpipe-bench");
        Path json = out != null ? out : dir.resolve("bench.json");
        Path home = ProjectHome.find();
        Path profiles = profile ? Files.createDirectories(dir.resolve("profiles")) : null;
        System.out.printf("bench: %,d readings, %d rooms, data and logs in %s%n", readings, rooms, dir);
        List<BenchContext.Profiled> profiled;
        try (EmbeddedStack stack = EmbeddedStack.start(StackConfig.builder().dataDir(dir.resolve("stack"))
                .profileDir(profiles).build());
             BenchContext ctx = new BenchContext(home, dir.resolve("logs"), stack, rooms, readings, smoke, profiles)) {
            stages(ctx);
            System.out.println();
            ctx.report.print(System.out);
            ctx.report.writeJson(json, machine(stack));
            System.out.println("\nfigures written to " + json);
            profiled = ctx.profiled();
        }
        if (profile) {
            printProfiles(profiled, profiles.resolve("summary.txt"));   // the stack's recordings end when it stops
        }
        return 0;
    }

    private static void printProfiles(List<BenchContext.Profiled> profiled, Path summary) throws java.io.IOException {
        StringBuilder out = new StringBuilder("\nwhere the CPU time went (JDK Flight Recorder execution samples):\n");
        String stage = null;
        for (BenchContext.Profiled p : profiled) {
            if (!p.stage().equals(stage)) {
                stage = p.stage();
                out.append("== ").append(stage).append('\n');
            }
            out.append(Profiles.summarize(p.label(), p.jfr(), p.from(), p.to()).format());
        }
        System.out.print(out);
        Files.writeString(summary, out);
        System.out.println("profiles in " + summary.getParent());
    }

    private void stages(BenchContext ctx) throws Exception {
        // the metrics-cost runs and the peers read what the simulator wrote
        if (runs("producers") || "metrics".equals(only) || "peers".equals(only)) {
            step(ctx, "simulator and ProducerPerformance", () -> ProducerStages.producers(ctx,
                    smoke || !runs("producers") ? 1 : 3));
        }
        if (runs("stream")) {
            step(ctx, "streaming job local[1]", () -> StreamStage.run(ctx, 1, "bench-alpha-local1", Duration.ofSeconds(1)));
            step(ctx, "streaming job local[2]", () -> StreamStage.run(ctx, 2, Names.TOPIC_ALPHA, Duration.ofSeconds(1)));
        }
        if (runs("restore")) {
            for (long history : smoke ? List.of(5_000L) : restoreHistory) {
                step(ctx, "restart after SIGKILL, alpha " + history, () -> RestoreStage.run(ctx, history,
                        ctx.logDir.getParent().resolve("state")));
            }
        }
        double[] sinks = new double[2];
        if (runs("sinks") || runs("latency")) {
            step(ctx, "database warm-up", () -> SinkStages.warmUp(ctx));
            step(ctx, "raw sink", () -> sinks[0] = SinkStages.sinkAndCeiling(ctx, "raw", Names.COLL_READINGS,
                    ctx.readings));
            step(ctx, "derived sink", () -> sinks[1] = SinkStages.sinkAndCeiling(ctx, "derived", Names.COLL_ANALYTICS,
                    ctx.readings));
        }
        if (runs("sinks")) {
            step(ctx, "tutorial approach", () -> SinkStages.tutorial(ctx, ctx.readings,
                    Duration.ofSeconds(smoke ? 3 : 20)));
        }
        if (!smoke && only == null) {
            // over what the sink stages stored; not in --smoke (two more Spark start-ups in CI)
            step(ctx, "batch jobs", () -> BatchStage.run(ctx));
        }
        if (!smoke && (only == null || only.equals("metrics"))) {
            step(ctx, "metrics cost, sink", () -> SinkStages.metricsCost(ctx));
            step(ctx, "metrics cost, job", () -> StreamStage.metricsCost(ctx));
        }
        if (runs("peers")) {
            // peer, project, peer, project, ...: each figure the median of 3 (1 in --smoke)
            step(ctx, "peers: Kafka Streams next to the job", () -> PeerStages.streamsVsJob(ctx, smoke ? 1 : 3));
            step(ctx, "peers: MongoDB's sink connector next to the raw sink", () -> PeerStages.connectorVsRawSink(ctx,
                    smoke ? 1 : 3));
        }
        if (runs("sink-latency")) {
            // CI: one small run of each setting at +10 ms; the full bench: 3 interleaved repetitions, 0, 2 and 10 ms
            step(ctx, "sink latency", () -> SinkLatencyStage.run(ctx, smoke ? 3_000 : Math.min(ctx.readings, 100_000),
                    smoke ? 1 : 3, smoke ? List.of(10) : List.of(0, 2, 10)));
        }
        if (only == null) {
            ratios(ctx);
        }
        if (runs("latency") && runs("stream")) {
            // the database takes two documents per reading; keep 20 % headroom below what both sinks sustain
            double dbMax = 0.8 / (1 / sinks[0] + 1 / sinks[1]);
            double jobMax = ctx.report.value("streaming job", "local[2]");
            int highest = (int) Math.max(1000, Math.min(dbMax, 0.8 * jobMax) / 100 * 100);
            List<Integer> rates = smoke ? List.of(1000) : List.of(1000, 5000, highest);
            Duration each = Duration.ofSeconds(latencySeconds);
            step(ctx, "latency, batch 500ms", () -> LatencyStage.run(ctx, Duration.ofMillis(500), rates, each));
            if (!smoke) {
                step(ctx, "latency, batch 1s", () -> LatencyStage.run(ctx, Duration.ofSeconds(1), rates, each));
            }
        }
    }

    private boolean runs(String stage) {
        return only == null || only.equals(stage);
    }

    private static void ratios(BenchContext ctx) {
        BenchReport r = ctx.report;
        r.add(BenchRow.of("ratio", "simulator / ProducerPerformance",
                r.value("simulator", "simulate") / r.value("simulator", "ProducerPerformance"), "x"));
        r.add(BenchRow.of("ratio", "sink raw / tutorial approach",
                r.value("sink", "sink raw") / r.value("sink", "tutorial"), "x"));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(BenchContext ctx, String name, Step step) throws Exception {
        long t0 = System.nanoTime();
        Instant from = Instant.now();
        System.out.printf("== %s ...%n", name);
        ctx.beginStage(name);
        step.run();
        ctx.endStage(from, Instant.now());
        System.out.printf("   %s done in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
    }

    private static Map<String, String> machine(EmbeddedStack stack) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("memory_gib", Long.toString(((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 30));
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("partitions", Integer.toString(stack.config().partitions()));
        return m;
    }
}
