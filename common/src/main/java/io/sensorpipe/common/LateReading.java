package io.sensorpipe.common;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;

/**
 * A reading the streaming job did not accept and that a user should see, as the job publishes it on
 * {@code readings.late} and the late sink stores it in {@code sensors.late_readings}: one more than L behind the
 * newest event time of its room (DESIGN.md "too late"), a reading whose seq was never accepted because a higher one
 * of its room came first ("out of order"), or a duplicate whose content differs from the accepted reading with the
 * same seq ("conflicting duplicate"). A reading never accepted has {@code _id} "roomId:seq" (stored once, whichever
 * copy came first: a re-sent too-late reading is out of order once a higher seq was accepted); a conflicting
 * duplicate has "roomId:seq/conflicting duplicate/ts/temperature", one document per distinct content. A replay
 * stores nothing new. JSON:
 * {@code {"v":1,"roomId":"room-007","seq":42,"ts":"...","temperature":21.37,"maxTs":"...","lateMillis":301000,
 * "latenessMillis":300000,"reason":"too late","src":{"topic":"readings","partition":3,"offset":1234}}}.
 *
 * @param roomId         room
 * @param seq            the reading's sequence number
 * @param tsMillis       its event time
 * @param temperature    its temperature
 * @param maxTsMillis    the room's newest accepted event time when it arrived
 * @param lateMillis     maxTs - ts: above the lateness for a too-late reading; any value (negative: ahead) otherwise
 * @param latenessMillis the allowed lateness L of the job
 * @param reason         why it was not accepted ({@link #TOO_LATE}, {@link #CONFLICTING_DUPLICATE}, {@link #OUT_OF_ORDER})
 * @param topic          source topic
 * @param partition      source partition
 * @param offset         source offset
 */
public record LateReading(String roomId, long seq, long tsMillis, double temperature, long maxTsMillis,
                          long lateMillis, long latenessMillis, String reason, String topic, int partition,
                          long offset) {
    /** The reason of a reading more than L behind its room's newest event time. */
    public static final String TOO_LATE = "too late";
    /** The reason of a duplicate whose event time or temperature differs from the accepted reading's. */
    public static final String CONFLICTING_DUPLICATE = "conflicting duplicate";
    /** The reason of a reading whose seq was never accepted: a higher seq of its room came first. */
    public static final String OUT_OF_ORDER = "out of order";

    /** The document id: "roomId:seq", or "roomId:seq/conflicting duplicate/ts/temperature" for a conflicting one. */
    public String id() {
        String id = Names.documentId(roomId, seq);
        return CONFLICTING_DUPLICATE.equals(reason)
                ? id + "/" + reason + "/" + Timestamps.iso(tsMillis) + "/" + temperature : id;
    }

    /** The JSON record. */
    public byte[] toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("v", 1);
        o.addProperty("roomId", roomId);
        o.addProperty("seq", seq);
        o.addProperty("ts", Timestamps.iso(tsMillis));
        o.addProperty("temperature", temperature);
        o.addProperty("maxTs", Timestamps.iso(maxTsMillis));
        o.addProperty("lateMillis", lateMillis);
        o.addProperty("latenessMillis", latenessMillis);
        o.addProperty("reason", reason);
        JsonObject src = new JsonObject();
        src.addProperty("topic", topic);
        src.addProperty("partition", partition);
        src.addProperty("offset", offset);
        o.add("src", src);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a record of {@code readings.late}; a record that is not one gives the reason. */
    public static Decoded<LateReading> parse(byte[] value) {
        try {
            JsonObject o = JsonParser.parseString(new String(value, StandardCharsets.UTF_8)).getAsJsonObject();
            if (o.get("v").getAsInt() != 1) {
                return Decoded.rejected("late reading: unknown schema version " + o.get("v"));
            }
            JsonObject src = o.getAsJsonObject("src");
            LateReading r = new LateReading(o.get("roomId").getAsString(), o.get("seq").getAsLong(),
                    Timestamps.parseIso(o.get("ts").getAsString()), o.get("temperature").getAsDouble(),
                    Timestamps.parseIso(o.get("maxTs").getAsString()), o.get("lateMillis").getAsLong(),
                    o.get("latenessMillis").getAsLong(), o.get("reason").getAsString(),
                    src.get("topic").getAsString(), src.get("partition").getAsInt(), src.get("offset").getAsLong());
            boolean lateOk = TOO_LATE.equals(r.reason) ? r.lateMillis >= 0
                    : CONFLICTING_DUPLICATE.equals(r.reason) || OUT_OF_ORDER.equals(r.reason);
            if (r.roomId.isEmpty() || r.seq < 0 || !lateOk || r.offset < 0 || r.partition < 0) {
                return Decoded.rejected("late reading: a field out of range");
            }
            return Decoded.ok(r);
        } catch (RuntimeException e) {
            return Decoded.rejected("late reading: not a late-reading record (" + e.getClass().getSimpleName() + ")");
        }
    }
}
