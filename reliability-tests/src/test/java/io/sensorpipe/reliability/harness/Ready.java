package io.sensorpipe.reliability.harness;

import java.util.regex.Pattern;

/** The log lines by which each component says it is working. */
public final class Ready {
    /** The simulator has found the topic and resumed the rooms' sequences. */
    public static final Pattern SIMULATOR = Pattern.compile("simulating \\d+ rooms");
    /** A sink has connected to MongoDB and Kafka and subscribed. */
    public static final Pattern SINK = Pattern.compile("sink-(raw|derived): consuming");
    /** The late sink has connected to MongoDB and Kafka and subscribed. */
    public static final Pattern SINK_LATE = Pattern.compile("sink-late: consuming");
    /** The streaming job has parsed its settings and is starting Spark. */
    public static final Pattern STREAM = Pattern.compile("stream \\S+ -> \\S+ on");

    private Ready() {
    }
}
