package io.sensorpipe.sink;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.SettingException;
import io.sensorpipe.sink.write.LateReadings;
import io.sensorpipe.sink.write.RecordMapper;

/** The two sinks: raw readings and derived records, each with its topic, collection and consumer group. */
public enum SinkKind {
    /** {@code readings} to {@code sensors.readings}. */
    RAW("raw", Names.TOPIC_READINGS, Names.COLL_READINGS, Names.GROUP_RAW_SINK),
    /** {@code alpha} to {@code sensors.room_analytics}. */
    DERIVED("derived", Names.TOPIC_ALPHA, Names.COLL_ANALYTICS, Names.GROUP_DERIVED_SINK),
    /** {@code readings.late} to {@code sensors.late_readings}: the readings the job found too late. */
    LATE("late", Names.TOPIC_LATE, Names.COLL_LATE, Names.GROUP_LATE_SINK);

    private final String label;
    private final String topic;
    private final String collection;
    private final String group;

    SinkKind(String label, String topic, String collection, String group) {
        this.label = label;
        this.topic = topic;
        this.collection = collection;
        this.group = group;
    }

    /** The kind named on the command line ("raw" or "derived"). */
    public static SinkKind parse(String text) {
        for (SinkKind k : values()) {
            if (k.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return k;
            }
        }
        throw new SettingException("sink kind", "'" + text + "' is neither 'raw' nor 'derived' (nor 'late')");
    }

    /** The source topic. */
    public String topic() {
        return topic;
    }

    /** The target collection. */
    public String collection() {
        return collection;
    }

    /** The default consumer group. */
    public String defaultGroup() {
        return group;
    }

    /** The stage name used in logs and dead letters: sink-raw, sink-derived, sink-late. */
    public String stage() {
        return "sink-" + label;
    }

    /** The pure record-to-write function of this sink. */
    public RecordMapper mapper() {
        return switch (this) {
            case RAW -> RecordMapper.readings(stage());
            case DERIVED -> RecordMapper.analytics(stage());
            case LATE -> LateReadings.mapper(stage());
        };
    }
}
