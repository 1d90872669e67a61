package io.sensorpipe.batch.verify;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;

import static io.sensorpipe.common.StoredFields.CHANGE;
import static io.sensorpipe.common.StoredFields.GAP;
import static io.sensorpipe.common.StoredFields.OFFSET;
import static io.sensorpipe.common.StoredFields.PARTITION;
import static io.sensorpipe.common.StoredFields.ROLLING_AVG;
import static io.sensorpipe.common.StoredFields.ROLLING_COUNT;
import static io.sensorpipe.common.StoredFields.ROLLING_MAX;
import static io.sensorpipe.common.StoredFields.ROLLING_MIN;
import static io.sensorpipe.common.StoredFields.ROOM_ID;
import static io.sensorpipe.common.StoredFields.SEQ;
import static io.sensorpipe.common.StoredFields.SRC;
import static io.sensorpipe.common.StoredFields.TEMPERATURE;
import static io.sensorpipe.common.StoredFields.TS;
import static io.sensorpipe.common.StoredFields.WINDOW_SECONDS;

/**
 * Rows read with {@code StoredSchemas} to the pipeline's records. A field missing from a stored derived record
 * reads as NaN (doubles) or -1 (counts, ts) so that it is reported as a mismatch instead of failing the run.
 */
public final class StoredRows {
    private StoredRows() {
    }

    /** A raw reading; the caller has filtered out rows with null fields. */
    public static Reading reading(Row r) {
        return new Reading(r.getAs(ROOM_ID), r.<Long>getAs(SEQ), r.<Timestamp>getAs(TS).getTime(),
                r.<Double>getAs(TEMPERATURE));
    }

    /** A raw reading with its arrival coordinates ({@code src.partition}, {@code src.offset}; -1 when absent). */
    public static ArrivedReading arrived(Row r) {
        Row src = r.getAs(SRC);
        Object partition = src == null ? null : src.getAs(PARTITION);
        Object offset = src == null ? null : src.getAs(OFFSET);
        return new ArrivedReading(reading(r), partition == null ? -1 : ((Number) partition).intValue(),
                offset == null ? -1 : ((Number) offset).longValue());
    }

    /** A stored derived record; roomId and seq must be present. */
    public static DerivedRecord analytics(Row r) {
        Timestamp ts = r.getAs(TS);
        return new DerivedRecord(r.getAs(ROOM_ID), r.<Long>getAs(SEQ), ts == null ? -1 : ts.getTime(),
                dbl(r, TEMPERATURE), r.getAs(CHANGE), lng(r, GAP), dbl(r, ROLLING_AVG), dbl(r, ROLLING_MIN),
                dbl(r, ROLLING_MAX), (int) lng(r, ROLLING_COUNT), (int) lng(r, WINDOW_SECONDS));
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
