package io.sensorpipe.bench;

/** Consumer groups the stages share, so the latency runs continue where the throughput runs stopped. */
final class StreamGroups {
    /** The two-core job writing to alpha. */
    static final String LOCAL2 = "bench-stream-local2";
    /** The raw sink. */
    static final String SINK_RAW = "bench-sink-raw";
    /** The derived sink. */
    static final String SINK_DERIVED = "bench-sink-derived";

    private StreamGroups() {
    }
}
