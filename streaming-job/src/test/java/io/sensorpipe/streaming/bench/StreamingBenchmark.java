package io.sensorpipe.streaming.bench;

import io.sensorpipe.producer.Emission;
import io.sensorpipe.producer.FaultRates;
import io.sensorpipe.producer.ReadingGenerator;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import io.sensorpipe.streaming.JobSettings;
import io.sensorpipe.streaming.MicroBatchCounts;
import io.sensorpipe.streaming.StreamingJob;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (a main, not a test): pre-fills a readings topic with N readings on the embedded broker, runs the job
 * in local mode with a fixed batch interval and rate limit, and prints sustained readings/s from readings to alpha
 * and batch processing time p50/p99. Usage: {@code StreamingBenchmark [readings=2000000] [intervalMs=2000]
 * [maxRatePerPartition=40000] [partitions=6]}.
 */
public final class StreamingBenchmark {
    private StreamingBenchmark() {
    }

    /** Runs the benchmark and prints its figures. */
    public static void main(String[] args) throws Exception {
        long readings = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long intervalMs = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
        long maxRate = args.length > 2 ? Long.parseLong(args[2]) : 40_000;
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        try (EmbeddedStack stack = EmbeddedStack.start(StackConfig.builder()
                .dataDir(Files.createTempDirectory("streaming-bench")).applyMongoInit(false).build())) {
            String bootstrap = stack.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("bench.readings", partitions, (short) 1),
                        new NewTopic("bench.alpha", partitions, (short) 1),
                        new NewTopic("bench.dlq", partitions, (short) 1))).all().get();
            }
            fill(bootstrap, readings);
            run(bootstrap, readings, intervalMs, maxRate);
        }
        System.exit(0);
    }

    private static void fill(String bootstrap, long readings) {
        long t0 = System.nanoTime();
        ReadingGenerator generator = new ReadingGenerator(1_000, 1, 1_790_000_000_000L, 1_000,
                new FaultRates(0.01, 0.02, 0.01, 0), Map.of());
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "linger.ms", "20", "batch.size", "262144", "compression.type", "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < readings; i++) {
                Emission e = generator.next();
                p.send(new ProducerRecord<>("bench.readings", e.key(), e.value()));
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("pre-filled bench.readings: %,d readings in %.1f s (%,.0f/s)%n", readings, s, readings / s);
    }

    private static void run(String bootstrap, long readings, long intervalMs, long maxRate) throws InterruptedException {
        SparkConf conf = io.sensorpipe.streaming.StreamingJob.configure(new SparkConf()).setMaster("local[*]").setAppName("streaming-bench")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            JobSettings settings = new JobSettings(AnalyticsSettings.DEFAULTS, "bench.alpha", "bench.dlq",
                    Map.of("bootstrap.servers", bootstrap));
            long t0 = System.nanoTime();
            StreamingJob job = StreamingJob.start(sc, new StreamingJob.Options(settings, "bench.readings",
                    "bench-" + System.nanoTime(), Duration.ofMillis(intervalMs), maxRate));
            long firstInput = 0;
            while (job.batchLog().total().in() < readings) {
                Thread.sleep(50);
                if (firstInput == 0 && job.batchLog().total().in() > 0) {
                    firstInput = System.nanoTime();
                }
            }
            long done = System.nanoTime();
            job.stop(false);
            report(job, readings, t0, done, intervalMs, maxRate);
        }
    }

    private static void report(StreamingJob job, long readings, long t0, long done, long intervalMs, long maxRate) {
        MicroBatchCounts c = job.batchLog().total();
        List<Long> times = new ArrayList<>(job.batchLog().processingMillis());
        // the first batches pay JIT warm-up and the alpha rebuild: report them apart
        List<Long> steady = times.size() > 3 ? times.subList(2, times.size()) : times;
        List<Long> sorted = new ArrayList<>(steady);
        Collections.sort(sorted);
        long totalProcessing = times.stream().mapToLong(Long::longValue).sum();
        System.out.printf("job: %,d readings in %d batches (interval %d ms, max %,d/s per partition)%n",
                c.in(), times.size(), intervalMs, maxRate);
        System.out.printf("derived %,d, duplicates %,d, too late %,d, dead letters %,d%n",
                c.derived(), c.duplicates(), c.tooLate(), c.deadLetters());
        System.out.printf("sustained readings->alpha: %,.0f readings/s (wall clock incl. start-up %.1f s)%n",
                c.in() / ((done - t0) / 1e9), (done - t0) / 1e9);
        System.out.printf("processing capacity: %,.0f readings/s (readings / sum of batch processing times)%n",
                c.in() * 1000.0 / Math.max(1, totalProcessing));
        System.out.printf("batch processing time ms: first %s, steady p50 %d, p99 %d, max %d (interval %d)%n",
                times.subList(0, Math.min(2, times.size())), percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), intervalMs);
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
}
