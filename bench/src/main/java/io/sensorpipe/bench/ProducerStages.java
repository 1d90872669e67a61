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

    /** {@code simulate --rate max}: fills {@code readings} with the data the later stages consume. */
    static void simulator(BenchContext ctx) throws Exception {
        try (Component sim = ctx.start("bench-simulate", List.of("simulate", "--rooms", Integer.toString(ctx.rooms),
                "--rate", "max", "--count", Long.toString(ctx.readings), "--seed", "7"))) {
            sim.awaitExit(1800);
            Matcher m = SIM_RATE.matcher(sim.logText());
            if (!m.find()) {
                throw new IllegalStateException("no summary line from the simulator; see " + sim.log());
            }
            ctx.report.add(BenchRow.of("simulator", "simulate --rooms " + ctx.rooms + " --rate max (acks=all, idempotent)",
                    Double.parseDouble(m.group(2)), "readings/s").with("records", Double.parseDouble(m.group(1)))
                    .with(sim.stats()));
        }
    }

    /** Kafka's ProducerPerformance with reading-shaped JSON payloads of the same size, same producer settings. */
    static void producerPerformance(BenchContext ctx) throws Exception {
        ctx.createTopic("bench-perf");
        Path payloads = Files.createTempFile("readings", ".jsonl");
        List<String> lines = new ArrayList<>();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < 20_000; i++) {
            Reading r = new Reading(String.format("room-%03d", i % ctx.rooms + 1), 100_000L + i, t0 + i * 1000L,
                    Math.round((18 + (i * 7919 % 600) / 100.0) * 100) / 100.0);
            lines.add(new String(Codec.encode(r), StandardCharsets.UTF_8));
        }
        Files.write(payloads, lines);
        String kafkaCp = ctx.home.resolve("embedded-kafka/target/classes") + ":"
                + Files.readString(ctx.home.resolve("embedded-kafka/target/runtime-classpath.txt")).trim();
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g", "-cp", kafkaCp,
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "bench-perf",
                "--num-records", Long.toString(ctx.readings), "--throughput", "-1",
                "--payload-file", payloads.toString(), "--producer-props", "bootstrap.servers=" + ctx.stack.bootstrapServers()));
        cmd.addAll(PRODUCER_PROPS);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String last = null;
        ProcStats stats = new ProcStats(0, 0);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                last = line;
                ProcStats s = ProcStats.of(p.pid());
                stats = s.cpuSeconds() > 0 ? s : stats;
            }
        }
        p.waitFor();
        Files.deleteIfExists(payloads);
        Matcher m = last == null ? null : PERF_RATE.matcher(last);
        if (m == null || !m.find()) {
            throw new IllegalStateException("ProducerPerformance printed no result: " + last);
        }
        ctx.report.add(BenchRow.of("simulator", "Kafka ProducerPerformance, same broker/size/settings",
                Double.parseDouble(m.group(1)), "records/s").with("records", ctx.readings).with(stats));
    }

    /** The topic the simulator fills. */
    static String topic() {
        return Names.TOPIC_READINGS;
    }
}
