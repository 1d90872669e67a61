package io.sensorpipe.bench;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.DurationConverter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The streaming job's sustained readings/s from {@code readings} to an output topic, on one and two cores. */
final class StreamStage {
    private static final Pattern BATCH = Pattern.compile("in=(\\d+) .*processing (\\d+) ms, scheduling delay (\\d+) ms");

    private StreamStage() {
    }

    /** Runs the job over the pre-filled readings with {@code local[cores]}; alpha is the real topic for two cores. */
    static void run(BenchContext ctx, int cores, String outputTopic, Duration batchInterval) throws Exception {
        ctx.createTopic(outputTopic);
        long start = Counts.endOffsets(ctx.admin, outputTopic);
        long target = start + ctx.readings;
        // a cap per batch keeps batches bounded while the backlog drains; backpressure tunes the rate below it
        String cap = ctx.smoke ? "0" : "60000";
        try (Component job = startJob(ctx, "bench-stream-local" + cores, cores, batchInterval, outputTopic,
                cores == 2 ? StreamGroups.LOCAL2 : "bench-stream-local" + cores + "-" + System.nanoTime(), cap)) {
            double rate = Counts.rateBetween10And90(() -> Counts.endOffsets(ctx.admin, outputTopic), start, target,
                    1_800_000, job);
            waitFor(() -> Counts.endOffsets(ctx.admin, outputTopic) >= target, 300_000);
            Thread.sleep(1500);   // the last batch's log line
            List<Long> times = new ArrayList<>();
            Matcher m = BATCH.matcher(job.logText());
            while (m.find()) {
                if (Long.parseLong(m.group(1)) > 0) {
                    times.add(Long.parseLong(m.group(2)));
                }
            }
            // the first batch runs in a cold JVM (class loading, JIT) and rebuilds state from alpha: listed apart
            long first = times.isEmpty() ? 0 : times.get(0);
            List<Long> steady = times.size() > 1 ? times.subList(1, times.size()) : times;
            long intervalMs = batchInterval.toMillis();
            long longBatches = steady.stream().filter(t -> t > intervalMs).count();
            Percentiles p = new Percentiles(steady);
            ctx.report.add(BenchRow.of("streaming job", "stream --master local[" + cores + "], batch "
                            + DurationConverter.format(batchInterval) + (outputTopic.equals(Names.TOPIC_ALPHA) ? "" : " -> " + outputTopic),
                    rate, "readings/s").with("batches", times.size()).with("first_batch_ms", first)
                    .with("batch_p50_ms", p.p(50)).with("batch_p99_ms", p.p(99))
                    .with("later_batches_over_interval", longBatches).with(job.stats()));
        }
    }

    /** Starts the job ({@code local[cores]}) from {@code group}'s position into {@code outputTopic}. */
    static Component startJob(BenchContext ctx, String name, int cores, Duration batchInterval, String outputTopic,
                              String group, String maxRatePerPartition) throws java.io.IOException {
        return ctx.start(name, List.of("stream", "--master", "local[" + cores + "]",
                "--batch-interval", DurationConverter.format(batchInterval), "--output-topic", outputTopic,
                "--group", group, "--max-rate-per-partition", maxRatePerPartition));
    }

    /**
     * What the job's metrics cost (issue 14's target: within 5 %): the job ({@code local[2]}, batch 1 s) over the same
     * readings into a new output topic per run, three rounds of one run with {@code --metrics-port} (scraped every
     * second) and one without, the order alternating; median readings/s of each and their ratio.
     */
    static void metricsCost(BenchContext ctx) throws Exception {
        SinkStages.metricsCostRow(ctx, "stream local[2]", "readings_s", (metrics, round) -> jobRun(ctx, metrics, round));
    }

    private static double jobRun(BenchContext ctx, boolean metrics, int round) throws Exception {
        String name = "bench-job-metrics-" + (metrics ? "on-" : "off-") + round;
        String topic = name + "-" + System.nanoTime();
        ctx.createTopic(topic);
        int port = metrics ? SinkStages.freePort() : 0;
        try (Component job = ctx.start(name, List.of("stream", "--master", "local[2]", "--batch-interval", "1s",
                "--output-topic", topic, "--group", topic, "--max-rate-per-partition", "60000",
                "--metrics-port", Integer.toString(port)));
             SinkStages.Scraper scraper = metrics ? new SinkStages.Scraper(port) : null) {
            return Counts.rateBetween10And90(() -> Counts.endOffsets(ctx.admin, topic), 0, ctx.readings, 1_800_000,
                    job);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out after " + timeoutMillis / 1000 + " s");
            }
            Thread.sleep(200);
        }
    }
}
