package io.sensorpipe.bench;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.Settings;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.ProjectHome;
import io.sensorpipe.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--smoke", description = "Small sizes and one latency run: checks every row is produced (CI).")
    boolean smoke;

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
            readings = Math.min(readings, 30_000);
            latencySeconds = Math.min(latencySeconds, 10);
        }
        Settings.positive(readings, "--readings");
        Settings.positive(rooms, "--rooms");
        Settings.positive(latencySeconds, "--latency-seconds");
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("sensorpipe-bench");
        Path json = out != null ? out : dir.resolve("bench.json");
        Path home = ProjectHome.find();
        System.out.printf("bench: %,d readings, %d rooms, data and logs in %s%n", readings, rooms, dir);
        try (EmbeddedStack stack = EmbeddedStack.start(StackConfig.builder().dataDir(dir.resolve("stack")).build());
             BenchContext ctx = new BenchContext(home, dir.resolve("logs"), stack, rooms, readings, smoke)) {
            stages(ctx);
            System.out.println();
            ctx.report.print(System.out);
            ctx.report.writeJson(json, machine(stack));
            System.out.println("\nfigures written to " + json);
        }
        return 0;
    }

    private void stages(BenchContext ctx) throws Exception {
        step("simulator", () -> ProducerStages.simulator(ctx));
        step("ProducerPerformance", () -> ProducerStages.producerPerformance(ctx));
        step("streaming job local[1]", () -> StreamStage.run(ctx, 1, "bench-alpha-local1", "1s"));
        step("streaming job local[2]", () -> StreamStage.run(ctx, 2, Names.TOPIC_ALPHA, "1s"));
        double[] sinks = new double[2];
        step("raw sink", () -> sinks[0] = SinkStages.sink(ctx, "raw", Names.COLL_READINGS, ctx.readings));
        step("derived sink", () -> sinks[1] = SinkStages.sink(ctx, "derived", Names.COLL_ANALYTICS, ctx.readings));
        step("driver ceiling", () -> SinkStages.driverCeiling(ctx, Math.min(ctx.readings, 500_000)));
        step("tutorial approach", () -> SinkStages.tutorial(ctx, ctx.readings, Duration.ofSeconds(smoke ? 5 : 20)));
        ratios(ctx);
        // the database takes two documents per reading; keep 20 % headroom below what both sinks together sustain
        double dbMax = 0.8 / (1 / sinks[0] + 1 / sinks[1]);
        double jobMax = ctx.report.value("streaming job", "local[2]");
        int highest = (int) Math.max(1000, Math.min(dbMax, 0.8 * jobMax) / 100 * 100);
        List<Integer> rates = smoke ? List.of(1000) : List.of(1000, 5000, highest);
        Duration each = Duration.ofSeconds(latencySeconds);
        step("latency, batch 500ms", () -> LatencyStage.run(ctx, "500ms", rates, each));
        if (!smoke) {
            step("latency, batch 1s", () -> LatencyStage.run(ctx, "1s", rates, each));
        }
    }

    private static void ratios(BenchContext ctx) {
        BenchReport r = ctx.report;
        double driver = r.value("sink", "driver");
        r.add(BenchRow.of("ratio", "simulator / ProducerPerformance",
                r.value("simulator", "simulate") / r.value("simulator", "ProducerPerformance"), "x"));
        r.add(BenchRow.of("ratio", "sink raw / driver ceiling", r.value("sink", "sink raw") / driver, "x"));
        r.add(BenchRow.of("ratio", "sink derived / driver ceiling", r.value("sink", "sink derived") / driver, "x"));
        r.add(BenchRow.of("ratio", "sink raw / tutorial approach",
                r.value("sink", "sink raw") / r.value("sink", "tutorial"), "x"));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step) throws Exception {
        long t0 = System.nanoTime();
        System.out.printf("== %s ...%n", name);
        step.run();
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
