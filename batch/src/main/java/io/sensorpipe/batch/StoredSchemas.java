package io.sensorpipe.batch;

import io.sensorpipe.common.StoredFields;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The Spark schemas of the stored collections, as the sinks write them (DESIGN.md "MongoDB layout"). */
public final class StoredSchemas {
    /** {@code sensors.readings}: _id "roomId:seq", roomId, seq, ts (date), temperature. */
    public static final StructType READINGS = new StructType()
            .add(StoredFields.ID, DataTypes.StringType, false)
            .add(StoredFields.ROOM_ID, DataTypes.StringType, true)
            .add(StoredFields.SEQ, DataTypes.LongType, true)
            .add(StoredFields.TS, DataTypes.TimestampType, true)
            .add(StoredFields.TEMPERATURE, DataTypes.DoubleType, true)
            .add(StoredFields.SRC, new StructType()
                    .add(StoredFields.TOPIC, DataTypes.StringType, true)
                    .add(StoredFields.PARTITION, DataTypes.IntegerType, true)
                    .add(StoredFields.OFFSET, DataTypes.LongType, true), true);

    /** {@code sensors.room_analytics}: the DerivedRecord fields, ts as date, change null for a room's first. */
    public static final StructType ANALYTICS = new StructType()
            .add(StoredFields.ID, DataTypes.StringType, false)
            .add(StoredFields.ROOM_ID, DataTypes.StringType, true)
            .add(StoredFields.SEQ, DataTypes.LongType, true)
            .add(StoredFields.TS, DataTypes.TimestampType, true)
            .add(StoredFields.TEMPERATURE, DataTypes.DoubleType, true)
            .add(StoredFields.CHANGE, DataTypes.DoubleType, true)
            .add(StoredFields.GAP, DataTypes.LongType, true)
            .add(StoredFields.ROLLING_AVG, DataTypes.DoubleType, true)
            .add(StoredFields.ROLLING_MIN, DataTypes.DoubleType, true)
            .add(StoredFields.ROLLING_MAX, DataTypes.DoubleType, true)
            .add(StoredFields.ROLLING_COUNT, DataTypes.IntegerType, true)
            .add(StoredFields.WINDOW_SECONDS, DataTypes.IntegerType, true);

    /** {@code sensors.room_hourly}: one document per room and UTC hour. */
    public static final StructType HOURLY = new StructType()
            .add(StoredFields.ID, DataTypes.StringType, false)
            .add(StoredFields.ROOM_ID, DataTypes.StringType, true)
            .add(StoredFields.HOUR, DataTypes.TimestampType, true)
            .add(StoredFields.COUNT, DataTypes.LongType, true)
            .add(StoredFields.AVG, DataTypes.DoubleType, true)
            .add(StoredFields.MIN, DataTypes.DoubleType, true)
            .add(StoredFields.MAX, DataTypes.DoubleType, true)
            .add(StoredFields.FIRST_TS, DataTypes.TimestampType, true)
            .add(StoredFields.LAST_TS, DataTypes.TimestampType, true);

    private StoredSchemas() {
    }
}
