package io.sensorpipe.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one verdict on a Kafka record of {@code readings} or {@code alpha}: decoded from the record alone (key, value
 * and the timestamp it was produced with), so every component that reads the record, whenever it reads it, reaches
 * the same verdict (DESIGN.md "One verdict per record").
 *
 * <ul>
 *   <li>The key must be exactly the value's {@code roomId} (UTF-8 bytes): a room's readings must all reach the
 *       partition its key picks ("One partition per room at a time").</li>
 *   <li>"More than 7 days in the future" is judged against the record's Kafka timestamp, not a reader's clock;
 *       a record without one ({@code -1}, pre-0.10 formats) is not judged by that rule.</li>
 * </ul>
 */
public final class RecordVerdict {
    /** Longest key shown in a rejection reason. */
    private static final int SHOWN_KEY_CHARS = 80;

    private RecordVerdict() {
    }

    /** The reading in a {@code readings} record, or why it is not one. */
    public static Decoded<Reading> reading(byte[] key, byte[] value, long recordTimestamp) {
        Decoded<Reading> d = Codec.decodeReading(value, clock(recordTimestamp));
        if (!d.isOk()) {
            return d;
        }
        String keyProblem = keyProblem(key, d.value().roomId());
        return keyProblem == null ? d : Decoded.rejected(keyProblem);
    }

    /** The derived record in an {@code alpha} record, or why it is not one. */
    public static Decoded<DerivedRecord> analytics(byte[] key, byte[] value, long recordTimestamp) {
        Decoded<DerivedRecord> d = Codec.decodeDerived(value, clock(recordTimestamp));
        if (!d.isOk()) {
            return d;
        }
        String keyProblem = keyProblem(key, d.value().roomId());
        return keyProblem == null ? d : Decoded.rejected(keyProblem);
    }

    /** Null when {@code key} is exactly the roomId; otherwise the reason naming both. */
    public static String keyProblem(byte[] key, String roomId) {
        if (key == null) {
            return "record has no key; the key must be the roomId '" + roomId + "'";
        }
        byte[] expected = roomId.getBytes(StandardCharsets.UTF_8);
        if (Arrays.equals(key, expected)) {
            return null;
        }
        return "key '" + shown(key) + "' (" + key.length + " bytes) is not the roomId '" + roomId + "'";
    }

    private static long clock(long recordTimestamp) {
        // no timestamp: nothing to judge "future" against; the largest clock accepts any event time
        return recordTimestamp < 0 ? Long.MAX_VALUE - Codec.MAX_FUTURE_MILLIS : recordTimestamp;
    }

    private static String shown(byte[] key) {
        String text = new String(key, 0, Math.min(key.length, SHOWN_KEY_CHARS * 4), StandardCharsets.UTF_8);
        text = text.length() > SHOWN_KEY_CHARS ? text.substring(0, SHOWN_KEY_CHARS) + "..." : text;
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
