package io.sensorpipe.common;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON codec of the pipeline. Encoding writes the canonical form (fixed field order, millisecond
 * timestamps) so that the same record always gives the same bytes. Decoding reads bytes in exactly that form
 * with {@link CanonicalDecoder} (one pass over the bytes, no Gson), and streams over anything else with Gson (no
 * tree model); both fill {@link RecordFields}, whose checks turn anything that is not a valid record into a
 * precise rejection reason, the same whichever path read it.
 */
public final class Codec {
    /** Largest accepted record value in bytes; real readings are under 120. */
    public static final int MAX_VALUE_BYTES = 4096;
    /** Physical range accepted for a room temperature, degrees Celsius. */
    public static final double MIN_TEMPERATURE = -50.0;
    /** Physical range accepted for a room temperature, degrees Celsius. */
    public static final double MAX_TEMPERATURE = 100.0;
    /** Earliest accepted event time: 2000-01-01T00:00:00Z. */
    public static final long MIN_TS_MILLIS = 946_684_800_000L;
    /** How far past the wall clock an event time may lie (simulated clocks may run ahead): 7 days. */
    public static final long MAX_FUTURE_MILLIS = 7L * 24 * 3600 * 1000;
    /** Longest accepted roomId; ids are letters, digits, '.', '_' and '-'. */
    public static final int MAX_ROOM_ID_LENGTH = 64;

    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    /** NaN or Infinity written as a bare JSON value, which strict JSON forbids. */
    private static final java.util.regex.Pattern NON_FINITE_LITERAL =
            java.util.regex.Pattern.compile("[:\\[,]\\s*[-+]?(NaN|Infinity)\\s*[,}\\]]");

    /** One fast encoder per thread: it writes into its own buffer. */
    private static final ThreadLocal<CanonicalEncoder> ENCODER = ThreadLocal.withInitial(CanonicalEncoder::new);

    private Codec() {
    }

    // ------------------------------------------------------------------ encoding

    /** The canonical JSON bytes of a reading. */
    public static byte[] encode(Reading r) {
        return ENCODER.get().encode(r);
    }

    /** The canonical JSON bytes of a derived record; {@code change} is an explicit null for a first reading. */
    public static byte[] encode(DerivedRecord a) {
        return ENCODER.get().encode(a);
    }

    /** The canonical bytes of a reading built as text: the reference {@link CanonicalEncoder} is tested against. */
    public static byte[] encodeText(Reading r) {
        StringBuilder sb = new StringBuilder(112);
        sb.append("{\"v\":").append(Reading.VERSION);
        appendCommon(sb, r.roomId(), r.seq(), r.tsMillis(), r.temperature());
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical bytes of a derived record built as text: the reference {@link CanonicalEncoder} is tested against. */
    public static byte[] encodeText(DerivedRecord a) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"v\":").append(DerivedRecord.VERSION);
        appendCommon(sb, a.roomId(), a.seq(), a.tsMillis(), a.temperature());
        sb.append(",\"change\":");
        if (a.change() == null) {
            sb.append("null");
        } else {
            sb.append(a.change().doubleValue());
        }
        sb.append(",\"gap\":").append(a.gap())
                .append(",\"rollingAvg\":").append(a.rollingAvg())
                .append(",\"rollingMin\":").append(a.rollingMin())
                .append(",\"rollingMax\":").append(a.rollingMax())
                .append(",\"rollingCount\":").append(a.rollingCount())
                .append(",\"windowSeconds\":").append(a.windowSeconds())
                .append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendCommon(StringBuilder sb, String roomId, long seq, long ts, double temperature) {
        sb.append(",\"roomId\":\"").append(roomId).append('"')   // roomId is validated: no characters to escape
                .append(",\"seq\":").append(seq)
                .append(",\"ts\":\"");
        Timestamps.appendIso(sb, ts);
        sb.append("\",\"temperature\":").append(temperature);
    }

    // ------------------------------------------------------------------ decoding

    /** Decodes a reading from Kafka value bytes, or says precisely why it is not one. */
    public static Decoded<Reading> decodeReading(byte[] value) {
        return decodeReading(value, System.currentTimeMillis());
    }

    /**
     * Decodes a reading with an explicit wall clock (for the future-timestamp rule). Canonical bytes take
     * {@link CanonicalDecoder}; anything else takes the streaming parser, which gives the rejection reasons.
     */
    public static Decoded<Reading> decodeReading(byte[] value, long nowMillis) {
        RecordFields f = CanonicalDecoder.reading(value);
        return f != null ? f.reading(nowMillis) : decodeReadingSlow(value, nowMillis);
    }

    /** Decodes a reading with the streaming parser only (the path for non-canonical bytes; tests compare both). */
    static Decoded<Reading> decodeReadingSlow(byte[] value, long nowMillis) {
        RecordFields f = new RecordFields();
        String problem = parse(value, f, false);
        return problem == null ? f.reading(nowMillis) : Decoded.rejected(problem);
    }

    /** Decodes a derived record from Kafka value bytes, or says precisely why it is not one. */
    public static Decoded<DerivedRecord> decodeDerived(byte[] value) {
        return decodeDerived(value, System.currentTimeMillis());
    }

    /**
     * Decodes a derived record with an explicit wall clock (for the future-timestamp rule). Canonical bytes take
     * {@link CanonicalDecoder}; anything else takes the streaming parser, which gives the rejection reasons.
     */
    public static Decoded<DerivedRecord> decodeDerived(byte[] value, long nowMillis) {
        RecordFields f = CanonicalDecoder.analytics(value);
        return f != null ? f.analytics(nowMillis) : decodeDerivedSlow(value, nowMillis);
    }

    /** Decodes a derived record with the streaming parser only (the path for non-canonical bytes). */
    static Decoded<DerivedRecord> decodeDerivedSlow(byte[] value, long nowMillis) {
        RecordFields f = new RecordFields();
        String problem = parse(value, f, true);
        return problem == null ? f.analytics(nowMillis) : Decoded.rejected(problem);
    }

    private static String parse(byte[] value, RecordFields f, boolean analytics) {
        if (value == null || value.length == 0) {
            return "empty value";
        }
        if (value.length > MAX_VALUE_BYTES) {
            return "oversized value: " + value.length + " bytes, limit " + MAX_VALUE_BYTES;
        }
        CharBuffer chars;
        try {
            chars = UTF8.get().reset().decode(ByteBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            return "invalid UTF-8";
        }
        String text = chars.toString();
        try (JsonReader in = new JsonReader(new StringReader(text))) {
            in.setStrictness(Strictness.STRICT);
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                return "not a JSON object";
            }
            in.beginObject();
            while (in.hasNext()) {
                String problem = read(f, in.nextName(), in, analytics);
                if (problem != null) {
                    return problem;
                }
            }
            in.endObject();
            if (in.peek() != JsonToken.END_DOCUMENT) {
                return "not JSON: trailing data after the object";
            }
            return null;
        } catch (EOFException e) {
            return "not JSON: truncated";
        } catch (MalformedJsonException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("NaN") || m.contains("infinit") || NON_FINITE_LITERAL.matcher(text).find()) {
                return "non-finite number (NaN or Infinity)";
            }
            return "not JSON: " + firstLine(m);
        } catch (NotIntegral e) {
            return e.getMessage();
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            return "not JSON: " + firstLine(String.valueOf(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        int cut = message.indexOf("\nSee ");
        String s = (cut >= 0 ? message.substring(0, cut) : message)
                .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
        return s.length() > 160 ? s.substring(0, 160) : s;
    }

    /** Reads the value of field {@code name} into {@code f}; a reason when it has the wrong type, else null. */
    private static String read(RecordFields f, String name, JsonReader in, boolean analytics) throws IOException {
        switch (name) {
            case "v" -> {
                long v = integer(in, name);
                if (v == Long.MIN_VALUE) {
                    return wrongType(in, name, "an integer");
                }
                f.version(v);
                return null;
            }
            case "roomId" -> {
                if (in.peek() != JsonToken.STRING) {
                    return wrongType(in, name, "a string");
                }
                f.roomId = in.nextString();
                return null;
            }
            case "seq" -> {
                f.seq = integer(in, name);
                return f.seq == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
            }
            case "ts" -> {
                if (in.peek() != JsonToken.STRING) {
                    return wrongType(in, name, "an ISO-8601 UTC string");
                }
                f.tsText = in.nextString();
                return null;
            }
            case "temperature" -> {
                if (in.peek() != JsonToken.NUMBER) {
                    return wrongType(in, name, "a number");
                }
                f.temperature(in.nextDouble());
                return null;
            }
            default -> {
                return analytics ? readAnalytics(f, name, in) : skip(in);
            }
        }
    }

    private static String readAnalytics(RecordFields f, String name, JsonReader in) throws IOException {
        switch (name) {
            case "change" -> {
                if (in.peek() == JsonToken.NULL) {
                    in.nextNull();
                    f.change(null);
                    return null;
                }
                if (in.peek() != JsonToken.NUMBER) {
                    return wrongType(in, name, "a number or null");
                }
                f.change(in.nextDouble());
                return null;
            }
            case "gap" -> {
                f.gap = integer(in, name);
                return f.gap == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
            }
            case "rollingCount" -> {
                f.rollingCount = integer(in, name);
                return f.rollingCount == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
            }
            case "windowSeconds" -> {
                f.windowSeconds = integer(in, name);
                return f.windowSeconds == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
            }
            case "rollingAvg", "rollingMin", "rollingMax" -> {
                if (in.peek() != JsonToken.NUMBER) {
                    return wrongType(in, name, "a number");
                }
                double d = in.nextDouble();
                switch (name) {
                    case "rollingAvg" -> f.rollingAvg = d;
                    case "rollingMin" -> f.rollingMin = d;
                    default -> f.rollingMax = d;
                }
                return null;
            }
            default -> {
                return skip(in);
            }
        }
    }

    private static String skip(JsonReader in) throws IOException {
        in.skipValue();   // unknown fields are allowed: the schema may grow
        return null;
    }

    /** An integral JSON number, or Long.MIN_VALUE when the token is not one (the token is left unread). */
    private static long integer(JsonReader in, String name) throws IOException {
        if (in.peek() != JsonToken.NUMBER) {
            return Long.MIN_VALUE;
        }
        String text = in.nextString();
        try {
            long v = Long.parseLong(text);
            return v == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : v;
        } catch (NumberFormatException e) {
            throw new NotIntegral(name, text);
        }
    }

    private static String wrongType(JsonReader in, String name, String expected) throws IOException {
        return "wrong type for field '" + name + "': expected " + expected + ", got " + tokenName(in.peek());
    }

    private static String tokenName(JsonToken t) {
        return switch (t) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            default -> t.name().toLowerCase();
        };
    }

    /** Checks a room id: 1..64 characters of letters, digits, '.', '_' and '-'; null when valid. */
    public static String checkRoomId(String roomId) {
        if (roomId.isEmpty()) {
            return "empty roomId";
        }
        if (roomId.length() > MAX_ROOM_ID_LENGTH) {
            return "roomId longer than " + MAX_ROOM_ID_LENGTH + " characters";
        }
        for (int i = 0; i < roomId.length(); i++) {
            if (!isRoomIdChar(roomId.charAt(i))) {
                return "roomId '" + clip(roomId) + "' has a character outside [A-Za-z0-9._-]";
            }
        }
        return null;
    }

    /** True for the characters a room id may have: letters, digits, '.', '_' and '-'. */
    static boolean isRoomIdChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.';
    }

    /** The first 40 characters of {@code s}, for quoting it in a reason. */
    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Thrown for a number where an integer is required; turned into a wrong-type rejection. */
    private static final class NotIntegral extends NumberFormatException {
        NotIntegral(String field, String text) {
            super("wrong type for field '" + field + "': expected an integer, got " + clip(text));
        }
    }
}
