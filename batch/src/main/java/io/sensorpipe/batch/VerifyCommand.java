package io.sensorpipe.batch;

import io.sensorpipe.batch.verify.Difference;
import io.sensorpipe.batch.verify.VerifyJob;
import io.sensorpipe.batch.verify.VerifyReport;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.DurationConverter;
import io.sensorpipe.common.config.MongoOptions;
import io.sensorpipe.common.config.Settings;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code bin/pipeline verify}: recomputes room_analytics from readings and reports missing, extra and
 * mismatching records. Exit 0 when there are none, 3 when there are.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Spark batch: recompute room_analytics from readings (seq order per room) and report missing,"
                + " extra and mismatching records. Exit 0 = consistent, 3 = differences.")
public final class VerifyCommand implements Callable<Integer> {
    /** Exit code when the stored derived records differ from the recomputed ones. */
    public static final int EXIT_DIFFERENCES = 3;

    @Mixin
    MongoOptions mongo = new MongoOptions();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--window", paramLabel = "TIME", converter = DurationConverter.Positive.class,
            description = "Rolling window W, whole seconds, as for 'stream' (default: the stored records' "
                    + "windowSeconds, else " + VerifyJob.DEFAULT_WINDOW_SECONDS + "s).")
    Duration window;

    @Option(names = "--lateness", paramLabel = "TIME", defaultValue = "300s", converter = DurationConverter.class,
            description = "Allowed lateness L, as for 'stream' (default: ${DEFAULT-VALUE}).")
    Duration lateness;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "10",
            description = "How many differences to print (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--read-partitions", paramLabel = "N", defaultValue = "4",
            description = "Spark partitions per collection read (default: ${DEFAULT-VALUE}).")
    int readPartitions;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        Cli.main(new VerifyCommand(), args);
    }

    @Override
    public Integer call() {
        VerifyJob.Settings settings = settings();
        MongoStore store = new MongoStore(mongo.uri(), mongo.database(),
                (int) Settings.positive(readPartitions, "--read-partitions"));
        long start = System.nanoTime();
        VerifyJob.Outcome outcome;
        try (SparkSession spark = BatchSpark.session("sensorpipe-verify", master)) {
            outcome = VerifyJob.verify(spark, store, settings);
        } catch (RuntimeException e) {
            throw MongoFailures.explain(e, store);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print(outcome, seconds);
        return outcome.report().clean() ? 0 : EXIT_DIFFERENCES;
    }

    private VerifyJob.Settings settings() {
        Integer windowSeconds = null;
        if (window != null) {
            Settings.require(window.toMillis() % 1000 == 0, "--window", "must be whole seconds (records carry "
                    + "windowSeconds), got " + DurationConverter.format(window));
            Settings.require(window.toSeconds() <= Integer.MAX_VALUE, "--window", "is too long");
            windowSeconds = (int) window.toSeconds();
        }
        Settings.nonNegative(examples, "--examples");
        return new VerifyJob.Settings(windowSeconds, lateness, examples);
    }

    private void print(VerifyJob.Outcome outcome, double seconds) {
        VerifyReport r = outcome.report();
        System.out.printf("verify: window %d s (%s), lateness %d s, %.1f s (%.0f readings/s)%n", outcome.windowSeconds(),
                outcome.windowFromStore() ? "from stored records" : "from --window", lateness.toSeconds(), seconds,
                r.readings() / seconds);
        for (Difference d : r.examples()) {
            System.out.println("  " + d);
        }
        System.out.println(r.summary());
    }
}
