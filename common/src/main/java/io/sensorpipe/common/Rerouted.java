package io.sensorpipe.common;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;

/**
 * A reading the streaming job wrote again to its room's partition, because it reached another one (a producer with
 * partition metadata from before the topic grew, or one that picked a partition itself). The copy carries where the
 * original is, {@code "<partition>@<offset>"} on the same topic; the room's analytics count the copy, at its place on
 * the room's partition, and the raw sink keeps the copy's coordinates as where the reading arrived.
 */
public final class Rerouted {
    /** The header on the copy. */
    public static final String HEADER = "sensorpipe.rerouted-from";

    private Rerouted() {
    }

    /** The header naming the original's partition and offset. */
    public static Header header(int partition, long offset) {
        return new RecordHeader(HEADER, (partition + "@" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The original's {partition, offset} named by a header value, or null when it is not one. */
    public static long[] original(byte[] headerValue) {
        if (headerValue == null) {
            return null;
        }
        String s = new String(headerValue, StandardCharsets.UTF_8);
        int at = s.indexOf('@');
        try {
            return at < 0 ? null : new long[] {Integer.parseInt(s.substring(0, at)), Long.parseLong(s.substring(at + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
