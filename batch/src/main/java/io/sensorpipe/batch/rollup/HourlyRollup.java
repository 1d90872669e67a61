package io.sensorpipe.batch.rollup;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/** Hourly per-room statistics from raw readings: the pure Spark transformation the rollup command runs. */
public final class HourlyRollup {
    private HourlyRollup() {
    }

    /**
     * Turns readings (roomId, ts, temperature) into one row per room and UTC hour with {@code _id}
     * "roomId:yyyy-MM-ddTHH", hour, count, avg, min, max, firstTs, lastTs. Needs a session time zone of UTC.
     */
    public static Dataset<Row> hourly(Dataset<Row> readings, HourRange range) {
        Dataset<Row> inRange = readings.filter(rangeFilter(range));
        // why: date_trunc in the UTC session gives the hour bucket; the id is derived from it so reruns replace
        return inRange
                .withColumn("hour", date_trunc("hour", col("ts")))
                .groupBy(col("roomId"), col("hour"))
                .agg(count(lit(1)).as("count"), avg("temperature").as("avg"), min("temperature").as("min"),
                        max("temperature").as("max"), min("ts").as("firstTs"), max("ts").as("lastTs"))
                .withColumn("_id", concat(col("roomId"), lit(":"), date_format(col("hour"), "yyyy-MM-dd'T'HH")))
                .select("_id", "roomId", "hour", "count", "avg", "min", "max", "firstTs", "lastTs");
    }

    private static Column rangeFilter(HourRange range) {
        Column c = col("roomId").isNotNull().and(col("ts").isNotNull()).and(col("temperature").isNotNull());
        if (range.from() != null) {
            c = c.and(col("ts").geq(lit(Timestamp.from(range.from()))));
        }
        if (range.to() != null) {
            c = c.and(col("ts").lt(lit(Timestamp.from(range.to()))));
        }
        return c;
    }
}
