package io.sensorpipe.batch.verify;

import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RoomAnalytics;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;

/**
 * Rows read with {@code StoredSchemas} to the pipeline's records. A field missing from a stored derived record
 * reads as NaN (doubles) or -1 (counts, ts) so that it is reported as a mismatch instead of failing the run.
 */
public final class StoredRows {
    private StoredRows() {
    }

    /** A raw reading; the caller has filtered out rows with null fields. */
    public static Reading reading(Row r) {
        return new Reading(r.getAs("roomId"), r.<Long>getAs("seq"), r.<Timestamp>getAs("ts").getTime(),
                r.<Double>getAs("temperature"));
    }

    /** A raw reading with its arrival coordinates ({@code src.partition}, {@code src.offset}; -1 when absent). */
    public static ArrivedReading arrived(Row r) {
        Row src = r.getAs("src");
        Object partition = src == null ? null : src.getAs("partition");
        Object offset = src == null ? null : src.getAs("offset");
        return new ArrivedReading(reading(r), partition == null ? -1 : ((Number) partition).intValue(),
                offset == null ? -1 : ((Number) offset).longValue());
    }

    /** A stored derived record; roomId and seq must be present. */
    public static RoomAnalytics analytics(Row r) {
        Timestamp ts = r.getAs("ts");
        return new RoomAnalytics(r.getAs("roomId"), r.<Long>getAs("seq"), ts == null ? -1 : ts.getTime(),
                dbl(r, "temperature"), r.getAs("change"), lng(r, "gap"), dbl(r, "rollingAvg"), dbl(r, "rollingMin"),
                dbl(r, "rollingMax"), (int) lng(r, "rollingCount"), (int) lng(r, "windowSeconds"));
    }

    private static double dbl(Row r, String field) {
        Object v = r.getAs(field);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static long lng(Row r, String field) {
        Object v = r.getAs(field);
        return v == null ? -1 : ((Number) v).longValue();
    }
}
