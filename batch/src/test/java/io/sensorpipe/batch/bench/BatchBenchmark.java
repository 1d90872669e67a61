package io.sensorpipe.batch.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.sensorpipe.batch.BatchSpark;
import io.sensorpipe.batch.MongoStore;
import io.sensorpipe.batch.RollupCommand;
import io.sensorpipe.batch.StoredData;
import io.sensorpipe.batch.rollup.HourRange;
import io.sensorpipe.batch.verify.VerifyJob;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Benchmark (not a test): rollup and verify over N readings (default 100,000 in 20 rooms) on the embedded
 * MongoDB-wire server, or on the server of args[1] when given. Prints one line per run.
 * Usage: BatchBenchmark [readings] [mongodb-uri]
 */
public final class BatchBenchmark {
    private BatchBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rooms = 20;
        EmbeddedStack stack = args.length > 1 ? null : EmbeddedStack.start(StackConfig.builder()
                .dataDir(Files.createTempDirectory("batch-bench")).build());
        String uri = stack == null ? args[1] : stack.mongoUri();
        String database = "bench_batch_" + System.currentTimeMillis();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase(database);
            List<Reading> readings = StoredData.readings(rooms, total / rooms, 1_000, 42);
            List<DerivedRecord> derived = ReferenceAnalytics.compute(readings, Duration.ofSeconds(60), Duration.ofSeconds(300));
            long t0 = System.nanoTime();
            StoredData.store(db, readings, derived);
            System.out.printf("load: %d readings + %d derived records inserted in %.1f s%n", readings.size(),
                    derived.size(), (System.nanoTime() - t0) / 1e9);
            run(new MongoStore(uri, database, 4), readings.size());
            db.drop();
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private static void run(MongoStore store, int readings) {
        try (SparkSession spark = BatchSpark.session("batch-benchmark", "local[*]")) {
            for (int i = 1; i <= 2; i++) {                  // the first run includes JIT and connector warm-up
                long t = System.nanoTime();
                long cpu = cpuNanos();
                RollupCommand.RollupResult r = RollupCommand.rollup(spark, store, HourRange.ALL);
                report("rollup", i, readings, t, cpu, r.roomHours() + " room-hours");
                t = System.nanoTime();
                cpu = cpuNanos();
                VerifyJob.Outcome v = VerifyJob.verify(spark, store, new VerifyJob.Settings(null, Duration.ofSeconds(300), 10));
                report("verify", i, readings, t, cpu, v.report().summary());
            }
        }
    }

    /** CPU time of this JVM (driver and local executors): wall time alone means little on a shared machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String what, int run, int readings, long startNanos, long startCpu, String result) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        double cpu = (cpuNanos() - startCpu) / 1e9;
        System.out.printf("%s run %d: %d readings in %.2f s wall (%.1f s CPU in the Spark JVM) = %.0f readings/s; %s%n",
                what, run, readings, s, cpu, readings / s, result);
    }
}
