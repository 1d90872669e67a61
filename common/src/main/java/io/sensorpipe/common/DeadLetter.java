package io.sensorpipe.common;

import com.google.gson.JsonObject;

import java.nio.charset.StandardCharsets;

/**
 * A record that can never be processed, with why and where it came from.
 *
 * @param reason      the rejection reason, as the codec or the database gave it
 * @param stage       which component rejected it (streaming-job, sink-raw, sink-derived)
 * @param topic       source topic
 * @param partition   source partition
 * @param offset      source offset
 * @param key         the record key as text (may be null), truncated to {@link #MAX_KEY_CHARS}
 * @param payload     the value as text, truncated to {@link #MAX_PAYLOAD_CHARS}
 * @param sizeBytes   the value's full size in bytes
 * @param timeMillis  when it was rejected
 */
public record DeadLetter(String reason, String stage, String topic, int partition, long offset, String key,
                         String payload, int sizeBytes, long timeMillis) {
    /** Payloads are kept up to this many characters; the size field tells the original length. */
    public static final int MAX_PAYLOAD_CHARS = 1024;
    /** Keys are kept up to this many characters: a dead letter stays small whatever the record's key was. */
    public static final int MAX_KEY_CHARS = 256;

    /** Builds a dead letter from raw Kafka bytes; invalid UTF-8 is shown with replacement characters. */
    public static DeadLetter of(String reason, String stage, String topic, int partition, long offset,
                                byte[] key, byte[] value, long timeMillis) {
        String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
        if (text.length() > MAX_PAYLOAD_CHARS) {
            text = text.substring(0, MAX_PAYLOAD_CHARS);
        }
        String keyText = key == null ? null : truncatedKey(key);
        return new DeadLetter(reason, stage, topic, partition, offset, keyText, text,
                value == null ? 0 : value.length, timeMillis);
    }

    /** A key as text, cut to {@link #MAX_KEY_CHARS} characters (a key can be as large as the broker allows). */
    public static String truncatedKey(byte[] key) {
        String text = new String(key, 0, Math.min(key.length, MAX_KEY_CHARS * 4), StandardCharsets.UTF_8);
        return text.length() > MAX_KEY_CHARS ? text.substring(0, MAX_KEY_CHARS) : text;
    }

    /** The key bytes to send a dead letter with: the truncated key, never more than a few hundred bytes. */
    public byte[] keyBytes() {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    /** The stable id "topic:partition:offset": a replayed rejection is stored once. */
    public String id() {
        return topic + ':' + partition + ':' + offset;
    }

    /** JSON for the {@code readings.dlq} topic. */
    public byte[] toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("reason", reason);
        o.addProperty("stage", stage);
        o.addProperty("topic", topic);
        o.addProperty("partition", partition);
        o.addProperty("offset", offset);
        o.addProperty("key", key);
        o.addProperty("payload", payload);
        o.addProperty("sizeBytes", sizeBytes);
        o.addProperty("time", Timestamps.iso(timeMillis));
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses the JSON written by {@link #toJson()}. */
    public static DeadLetter fromJson(byte[] json) {
        JsonObject o = com.google.gson.JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
        return new DeadLetter(o.get("reason").getAsString(), o.get("stage").getAsString(),
                o.get("topic").getAsString(), o.get("partition").getAsInt(), o.get("offset").getAsLong(),
                o.get("key") == null || o.get("key").isJsonNull() ? null : o.get("key").getAsString(),
                o.get("payload").getAsString(), o.get("sizeBytes").getAsInt(),
                Timestamps.parseIso(o.get("time").getAsString()));
    }
}
