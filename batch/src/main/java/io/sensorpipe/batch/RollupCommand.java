package io.sensorpipe.batch;

import io.sensorpipe.batch.rollup.HourRange;
import io.sensorpipe.batch.rollup.HourlyRollup;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.MongoOptions;
import io.sensorpipe.common.config.Settings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/** {@code bin/pipeline rollup}: hourly per-room statistics from sensors.readings into sensors.room_hourly. */
@Command(name = "rollup", mixinStandardHelpOptions = true,
        description = "Spark batch: hourly per-room avg/min/max/count/first/last into room_hourly (_id roomId:yyyy-MM-ddTHH;"
                + " re-running replaces, never duplicates).")
public final class RollupCommand implements Callable<Integer> {
    @Mixin
    MongoOptions mongo = new MongoOptions();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--from", paramLabel = "ISO-TIME",
            description = "First reading time to include, widened down to the hour (default: all).")
    String from;

    @Option(names = "--to", paramLabel = "ISO-TIME",
            description = "End of the range (exclusive), widened up to the hour (default: all).")
    String to;

    @Option(names = "--read-partitions", paramLabel = "N", defaultValue = "4",
            description = "Spark partitions for reading readings (default: ${DEFAULT-VALUE}).")
    int readPartitions;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        Cli.main(new RollupCommand(), args);
    }

    @Override
    public Integer call() {
        HourRange range = HourRange.parse(from, to);
        MongoStore store = new MongoStore(mongo.uri(), mongo.database(),
                (int) Settings.positive(readPartitions, "--read-partitions"));
        long start = System.nanoTime();
        try (SparkSession spark = BatchSpark.session("sensorpipe-rollup", master)) {
            RollupResult result = rollup(spark, store, range);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("rollup: %d readings (%s) -> %d room-hours replaced in %s.%s in %.1f s (%.0f readings/s)%n",
                    result.readings(), range.describe(), result.roomHours(), store.database(), Names.COLL_HOURLY,
                    seconds, result.readings() / seconds);
        } catch (RuntimeException e) {
            throw MongoFailures.explain(e, store);
        }
        return 0;
    }

    /** What a rollup wrote. */
    public record RollupResult(long readings, long roomHours) {
    }

    /** Reads the readings, computes the hourly statistics and replaces them in room_hourly. */
    public static RollupResult rollup(SparkSession spark, MongoStore store, HourRange range) {
        Dataset<Row> hourly = HourlyRollup.hourly(store.read(spark, Names.COLL_READINGS, StoredSchemas.READINGS), range)
                .cache();
        try {
            store.replaceById(hourly, Names.COLL_HOURLY);
            Row totals = hourly.agg(count(lit(1)), sum("count")).first();
            return new RollupResult(totals.isNullAt(1) ? 0 : totals.getLong(1), totals.getLong(0));
        } finally {
            hourly.unpersist();
        }
    }
}
