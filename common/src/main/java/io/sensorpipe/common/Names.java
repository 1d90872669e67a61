package io.sensorpipe.common;

/** The one place that names the pipeline's topics, database and collections. */
public final class Names {
    /** Raw readings from the simulator, key = roomId. */
    public static final String TOPIC_READINGS = "readings";
    /** Derived records from the streaming job, key = roomId. */
    public static final String TOPIC_ALPHA = "alpha";
    /** Records the streaming job could not decode. */
    public static final String TOPIC_DLQ = "readings.dlq";
    /** Readings the streaming job did not accept as more than L late ({@link LateReading}), key = roomId. */
    public static final String TOPIC_LATE = "readings.late";

    /** The MongoDB database. */
    public static final String DATABASE = "sensors";
    /** One document per raw reading, _id = "roomId:seq". */
    public static final String COLL_READINGS = "readings";
    /** One document per derived record, _id = "roomId:seq". */
    public static final String COLL_ANALYTICS = "room_analytics";
    /** Rejected records with reason and source coordinates. */
    public static final String COLL_DEAD_LETTERS = "dead_letters";
    /** One document per too-late reading, _id = "roomId:seq". */
    public static final String COLL_LATE = "late_readings";
    /** Hourly per-room statistics written by the rollup batch job. */
    public static final String COLL_HOURLY = "room_hourly";

    /** Consumer group of the raw sink. */
    public static final String GROUP_RAW_SINK = "sink-raw";
    /** Consumer group of the derived sink. */
    public static final String GROUP_DERIVED_SINK = "sink-derived";
    /** Consumer group of the late sink. */
    public static final String GROUP_LATE_SINK = "sink-late";
    /** Consumer group of the streaming job. */
    public static final String GROUP_STREAMING = "streaming-job";

    private Names() {
    }

    /** The document id of a reading or derived record: "roomId:seq". */
    public static String documentId(String roomId, long seq) {
        return roomId + ':' + seq;
    }
}
