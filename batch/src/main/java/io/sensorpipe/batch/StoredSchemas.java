package io.sensorpipe.batch;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The Spark schemas of the stored collections, as the sinks write them (DESIGN.md "MongoDB layout"). */
public final class StoredSchemas {
    /** {@code sensors.readings}: _id "roomId:seq", roomId, seq, ts (date), temperature. */
    public static final StructType READINGS = new StructType()
            .add("_id", DataTypes.StringType, false)
            .add("roomId", DataTypes.StringType, true)
            .add("seq", DataTypes.LongType, true)
            .add("ts", DataTypes.TimestampType, true)
            .add("temperature", DataTypes.DoubleType, true)
            .add("src", new StructType()
                    .add("topic", DataTypes.StringType, true)
                    .add("partition", DataTypes.IntegerType, true)
                    .add("offset", DataTypes.LongType, true), true);

    /** {@code sensors.room_analytics}: the RoomAnalytics fields, ts as date, change null for a room's first. */
    public static final StructType ANALYTICS = new StructType()
            .add("_id", DataTypes.StringType, false)
            .add("roomId", DataTypes.StringType, true)
            .add("seq", DataTypes.LongType, true)
            .add("ts", DataTypes.TimestampType, true)
            .add("temperature", DataTypes.DoubleType, true)
            .add("change", DataTypes.DoubleType, true)
            .add("gap", DataTypes.LongType, true)
            .add("rollingAvg", DataTypes.DoubleType, true)
            .add("rollingMin", DataTypes.DoubleType, true)
            .add("rollingMax", DataTypes.DoubleType, true)
            .add("rollingCount", DataTypes.IntegerType, true)
            .add("windowSeconds", DataTypes.IntegerType, true);

    /** {@code sensors.room_hourly}: one document per room and UTC hour. */
    public static final StructType HOURLY = new StructType()
            .add("_id", DataTypes.StringType, false)
            .add("roomId", DataTypes.StringType, true)
            .add("hour", DataTypes.TimestampType, true)
            .add("count", DataTypes.LongType, true)
            .add("avg", DataTypes.DoubleType, true)
            .add("min", DataTypes.DoubleType, true)
            .add("max", DataTypes.DoubleType, true)
            .add("firstTs", DataTypes.TimestampType, true)
            .add("lastTs", DataTypes.TimestampType, true);

    private StoredSchemas() {
    }
}
