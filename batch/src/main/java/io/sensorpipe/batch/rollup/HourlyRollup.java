package io.sensorpipe.batch.rollup;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;

import static io.sensorpipe.common.StoredFields.AVG;
import static io.sensorpipe.common.StoredFields.COUNT;
import static io.sensorpipe.common.StoredFields.FIRST_TS;
import static io.sensorpipe.common.StoredFields.HOUR;
import static io.sensorpipe.common.StoredFields.ID;
import static io.sensorpipe.common.StoredFields.LAST_TS;
import static io.sensorpipe.common.StoredFields.MAX;
import static io.sensorpipe.common.StoredFields.MIN;
import static io.sensorpipe.common.StoredFields.ROOM_ID;
import static io.sensorpipe.common.StoredFields.TEMPERATURE;
import static io.sensorpipe.common.StoredFields.TS;
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
                .withColumn(HOUR, date_trunc("hour", col(TS)))
                .groupBy(col(ROOM_ID), col(HOUR))
                .agg(count(lit(1)).as(COUNT), avg(TEMPERATURE).as(AVG), min(TEMPERATURE).as(MIN),
                        max(TEMPERATURE).as(MAX), min(TS).as(FIRST_TS), max(TS).as(LAST_TS))
                .withColumn(ID, concat(col(ROOM_ID), lit(":"), date_format(col(HOUR), "yyyy-MM-dd'T'HH")))
                .select(ID, ROOM_ID, HOUR, COUNT, AVG, MIN, MAX, FIRST_TS, LAST_TS);
    }

    private static Column rangeFilter(HourRange range) {
        Column c = col(ROOM_ID).isNotNull().and(col(TS).isNotNull()).and(col(TEMPERATURE).isNotNull());
        if (range.from() != null) {
            c = c.and(col(TS).geq(lit(Timestamp.from(range.from()))));
        }
        if (range.to() != null) {
            c = c.and(col(TS).lt(lit(Timestamp.from(range.to()))));
        }
        return c;
    }
}
