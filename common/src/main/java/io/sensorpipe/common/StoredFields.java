package io.sensorpipe.common;

import java.util.List;
import java.util.Map;

/**
 * The one spelling of the stored documents' field names (the layout mongo-init/sensors.schema.json defines, DESIGN.md
 * "MongoDB layout"), next to {@link Names}: every writer (the sinks, the hourly rollup) and every reader (verify,
 * report, the run summary) uses these, and a test holds them to the schema.
 */
public final class StoredFields {
    /** Every document's key. */
    public static final String ID = "_id";

    // readings and room_analytics
    /** The room. */
    public static final String ROOM_ID = "roomId";
    /** The reading's sequence number within its room. */
    public static final String SEQ = "seq";
    /** Event time, a BSON date. */
    public static final String TS = "ts";
    /** °C. */
    public static final String TEMPERATURE = "temperature";
    /** When the sink stored it, a BSON date. */
    public static final String INGESTED_AT = "ingestedAt";
    /** Where the sink read it: an embedded {topic, partition, offset} document. */
    public static final String SRC = "src";
    /** In {@link #SRC}: the Kafka topic. */
    public static final String SRC_TOPIC = "topic";
    /** In {@link #SRC}: the partition. */
    public static final String SRC_PARTITION = "partition";
    /** In {@link #SRC}: the offset. */
    public static final String SRC_OFFSET = "offset";

    // room_analytics only
    /** Temperature minus the previous accepted reading's; null for a room's first. */
    public static final String CHANGE = "change";
    /** Sequence numbers skipped since the previous accepted reading. */
    public static final String GAP = "gap";
    /** Rolling average over the window. */
    public static final String ROLLING_AVG = "rollingAvg";
    /** Rolling minimum. */
    public static final String ROLLING_MIN = "rollingMin";
    /** Rolling maximum. */
    public static final String ROLLING_MAX = "rollingMax";
    /** Readings in the window. */
    public static final String ROLLING_COUNT = "rollingCount";
    /** The window W the record was computed with. */
    public static final String WINDOW_SECONDS = "windowSeconds";

    // dead_letters
    /** Why the record was rejected. */
    public static final String REASON = "reason";
    /** Which stage rejected it. */
    public static final String STAGE = "stage";
    /** Source topic. */
    public static final String TOPIC = "topic";
    /** Source partition. */
    public static final String PARTITION = "partition";
    /** Source offset. */
    public static final String OFFSET = "offset";
    /** The record's key (truncated). */
    public static final String KEY = "key";
    /** The record's value (truncated). */
    public static final String PAYLOAD = "payload";
    /** The value's size before truncation. */
    public static final String SIZE_BYTES = "sizeBytes";
    /** When it was rejected. */
    public static final String TIME = "time";

    // room_hourly
    /** The UTC hour, a BSON date. */
    public static final String HOUR = "hour";
    /** Readings in the hour. */
    public static final String COUNT = "count";
    /** Average temperature. */
    public static final String AVG = "avg";
    /** Minimum temperature. */
    public static final String MIN = "min";
    /** Maximum temperature. */
    public static final String MAX = "max";
    /** Earliest event time in the hour. */
    public static final String FIRST_TS = "firstTs";
    /** Latest event time in the hour. */
    public static final String LAST_TS = "lastTs";

    // late_readings (also ROOM_ID, SEQ, TS, TEMPERATURE, REASON, SRC)
    /** The room's largest accepted event time when the reading came, a BSON date. */
    public static final String MAX_TS = "maxTs";
    /** How far behind maxTs the reading was, ms. */
    public static final String LATE_MILLIS = "lateMillis";
    /** The allowed lateness L it was judged with, ms. */
    public static final String LATENESS_MILLIS = "latenessMillis";
    /** When the late sink stored it, a BSON date. */
    public static final String STORED_AT = "storedAt";

    /** The top-level fields of each collection's documents, by collection name (what mongo-init's schema allows). */
    public static final Map<String, List<String>> BY_COLLECTION = Map.of(
            Names.COLL_READINGS, List.of(ID, ROOM_ID, SEQ, TS, TEMPERATURE, INGESTED_AT, SRC),
            Names.COLL_ANALYTICS, List.of(ID, ROOM_ID, SEQ, TS, TEMPERATURE, CHANGE, GAP, ROLLING_AVG, ROLLING_MIN,
                    ROLLING_MAX, ROLLING_COUNT, WINDOW_SECONDS, INGESTED_AT, SRC),
            Names.COLL_DEAD_LETTERS, List.of(ID, REASON, STAGE, TOPIC, PARTITION, OFFSET, KEY, PAYLOAD, SIZE_BYTES,
                    TIME),
            Names.COLL_HOURLY, List.of(ID, ROOM_ID, HOUR, COUNT, AVG, MIN, MAX, FIRST_TS, LAST_TS),
            Names.COLL_LATE, List.of(ID, ROOM_ID, SEQ, TS, TEMPERATURE, MAX_TS, LATE_MILLIS, LATENESS_MILLIS, REASON, SRC,
                    STORED_AT));

    /** The fields of the embedded {@link #SRC} document. */
    public static final List<String> SRC_FIELDS = List.of(SRC_TOPIC, SRC_PARTITION, SRC_OFFSET);

    private StoredFields() {
    }
}
