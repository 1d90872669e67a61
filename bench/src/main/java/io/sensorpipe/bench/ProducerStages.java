package io.sensorpipe.bench;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Producing into Kafka: the simulator at full speed, and Kafka's own ProducerPerformance on the same broker. */
final class ProducerStages {
    private static final Pattern SIM_RATE = Pattern.compile("summary: .*acked=(\\d+).* rate=(\\d+) records/s");
    private static final Pattern PERF_RATE = Pattern.compile("([\\d.]+) records/sec");
    /** The simulator's producer settings (producer/ProducerTuning), given to ProducerPerformance too. */
    private static final List<String> PRODUCER_PROPS = List.of("acks=all", "enable.idempotence=true",
            "max.in.flight.requests.per.connection=5", "linger.ms=20", "batch.size=262144", "compression.type=lz4",
            "buffer.memory=67108864");

    private ProducerStages() {
    }

    /**
     * The simulator and ProducerPerformance, each {@code rounds} times, alternating, after a warm-up run that brings
     * the broker's code paths up to speed (a cold broker halves the first run's rate, whoever runs first). The rows
     * carry the median and every run; the simulator's last run fills {@code readings} for the later stages.
     */
    static void producers(BenchContext ctx, int rounds) throws Exception {
        ctx.createTopic("bench-warmup");
        simulate(ctx, "bench-simulate-warmup", "bench-warmup", Math.min(ctx.readings, 1_000_000));
        Path payloads = payloadFile(ctx);
        List<Run> sims = new ArrayList<>();
        List<Run> perfs = new ArrayList<>();
        try {
            for (int i = 1; i <= rounds; i++) {
                String perfTopic = "bench-perf-" + i;
                ctx.createTopic(perfTopic);
                perfs.add(producerPerformance(ctx, payloads, perfTopic));
                String simTopic = i == rounds ? Names.TOPIC_READINGS : "bench-sim-" + i;
                ctx.createTopic(simTopic);
                sims.add(simulate(ctx, "bench-simulate-" + i, simTopic, ctx.readings));
            }
        } finally {
            Files.deleteIfExists(payloads);
        }
        ctx.report.add(median(sims, "simulate --rooms " + ctx.rooms + " --rate max (acks=all, idempotent)",
                "readings/s"));
        ctx.report.add(median(perfs, "Kafka ProducerPerformance, same broker/size/settings", "records/s"));
    }

    /** One run's rate and its process figures. */
    private record Run(double rate, ProcStats stats) {
    }

    /** The row of the median run, with every run's rate. */
    private static BenchRow median(List<Run> runs, String variant, String unit) {
        List<Run> sorted = runs.stream().sorted(java.util.Comparator.comparingDouble(Run::rate)).toList();
        Run mid = sorted.get(sorted.size() / 2);
        BenchRow row = BenchRow.of("simulator", variant, mid.rate(), unit).with("runs", runs.size());
        for (int i = 0; i < runs.size(); i++) {
            row.with("run" + (i + 1), Math.round(runs.get(i).rate()));
        }
        return row.with(mid.stats());
    }

    private static Run simulate(BenchContext ctx, String name, String topic, long count) throws Exception {
        try (Component sim = ctx.start(name, List.of("simulate", "--rooms", Integer.toString(ctx.rooms),
                "--rate", "max", "--count", Long.toString(count), "--seed", "7", "--topic", topic, "--no-resume",
                // a backlog at one reading per room per second of event time, as sensors write it: with wall-clock
                // stamps a max-rate run packs ~10,000 readings per room into each second, and the job's exact
                // 60 s windows would sum half a million readings each
                "--fast-clock"))) {
            sim.awaitExit(1800);
            Matcher m = SIM_RATE.matcher(sim.logText());
            if (!m.find()) {
                throw new IllegalStateException("no summary line from the simulator; see " + sim.log());
            }
            if (Long.parseLong(m.group(1)) != count) {
                throw new IllegalStateException("the simulator had " + m.group(1) + " of " + count + " acknowledged");
            }
            return new Run(Double.parseDouble(m.group(2)), sim.stats());
        }
    }

    /** Reading-shaped JSON payloads of the simulator's size, for ProducerPerformance's --payload-file. */
    private static Path payloadFile(BenchContext ctx) throws java.io.IOException {
        Path payloads = Files.createTempFile("readings", ".jsonl");
        List<String> lines = new ArrayList<>();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < 20_000; i++) {
            Reading r = new Reading(String.format("room-%03d", i % ctx.rooms + 1), 100_000L + i, t0 + i * 1000L,
                    Math.round((18 + (i * 7919 % 600) / 100.0) * 100) / 100.0);
            lines.add(new String(Codec.encode(r), StandardCharsets.UTF_8));
        }
        Files.write(payloads, lines);
        return payloads;
    }

    /** Kafka's ProducerPerformance with reading-shaped JSON payloads of the same size, same producer settings. */
    private static Run producerPerformance(BenchContext ctx, Path payloads, String topic) throws Exception {
        String kafkaCp = ctx.home.resolve("embedded-kafka/target/classes") + ":"
                + Files.readString(ctx.home.resolve("embedded-kafka/target/runtime-classpath.txt")).trim();
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g"));
        cmd.addAll(ctx.profileOptions("producer-performance-" + topic));
        cmd.addAll(List.of("-cp", kafkaCp, "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", Long.toString(ctx.readings), "--throughput", "-1",
                "--payload-file", payloads.toString(), "--producer-props", "bootstrap.servers=" + ctx.stack.bootstrapServers()));
        cmd.addAll(PRODUCER_PROPS);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String last = null;
        ProcStats stats = new ProcStats(0, 0);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                last = line;
                stats = stats.max(ProcStats.of(p.pid()));
            }
        }
        p.waitFor();
        Matcher m = last == null ? null : PERF_RATE.matcher(last);
        if (m == null || !m.find()) {
            throw new IllegalStateException("ProducerPerformance printed no result: " + last);
        }
        return new Run(Double.parseDouble(m.group(1)), stats);
    }

    /** The topic the simulator fills. */
    static String topic() {
        return Names.TOPIC_READINGS;
    }
}
