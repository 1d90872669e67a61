package io.sensorpipe.producer;

import io.sensorpipe.common.Reading;
import io.sensorpipe.common.Timestamps;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * A rotating set of bad payloads for a room, one defect each, all of which the codec rejects: the pipeline's
 * dead-letter path gets every kind of bad input in turn.
 */
final class MalformedPayloads {
    private static final List<Function<Reading, String>> DEFECTS = List.of(
            r -> "{\"v\":1,\"roomId\":\"" + r.roomId() + "\",\"seq\":" + r.seq(),                     // truncated JSON
            r -> "temperature=" + r.temperature() + " room=" + r.roomId(),                              // not JSON
            r -> "[\"" + r.roomId() + "\"," + r.seq() + "]",                                              // not an object
            r -> json(r, "\"" + r.seq() + "\"", "\"" + ts(r) + "\"", Double.toString(r.temperature())), // seq as a string
            r -> "{\"v\":1,\"roomId\":\"" + r.roomId() + "\",\"seq\":" + r.seq() + ",\"ts\":\"" + ts(r) + "\"}", // missing temperature
            r -> json(r, Long.toString(r.seq()), "\"" + ts(r) + "\"", "NaN"),                          // NaN
            r -> json(r, Long.toString(r.seq()), "\"" + ts(r) + "\"", "999.99"),                       // out of range
            r -> json(r, Long.toString(r.seq()), "\"yesterday\"", Double.toString(r.temperature())),   // bad timestamp
            // unknown version
            r -> json(r, Long.toString(r.seq()), "\"" + ts(r) + "\"", Double.toString(r.temperature()))
                    .replace("{\"v\":1", "{\"v\":9"),
            r -> "");                                                                                     // empty value

    private int next;

    /** The number of distinct defects in the rotation. */
    static int kinds() {
        return DEFECTS.size();
    }

    /** The next bad payload in the rotation, built around a real reading of the room. */
    byte[] next(Reading about) {
        Function<Reading, String> defect = DEFECTS.get(next);
        next = (next + 1) % DEFECTS.size();
        return defect.apply(about).getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Reading r, String seq, String ts, String temperature) {
        return "{\"v\":1,\"roomId\":\"" + r.roomId() + "\",\"seq\":" + seq + ",\"ts\":" + ts
                + ",\"temperature\":" + temperature + "}";
    }

    private static String ts(Reading r) {
        return Timestamps.iso(r.tsMillis());
    }
}
