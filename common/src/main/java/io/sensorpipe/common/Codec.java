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
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one JSON codec of the pipeline. Encoding writes the canonical form (fixed field order, millisecond
 * timestamps) so that the same record always gives the same bytes. Decoding streams over the bytes (no tree
 * model) and turns anything that is not a valid record into a precise rejection reason.
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

    private Codec() {
    }

    // ------------------------------------------------------------------ encoding

    /** The canonical JSON bytes of a reading. */
    public static byte[] encode(Reading r) {
        StringBuilder sb = new StringBuilder(112);
        sb.append("{\"v\":").append(Reading.VERSION);
        appendCommon(sb, r.roomId(), r.seq(), r.tsMillis(), r.temperature());
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical JSON bytes of a derived record; {@code change} is an explicit null for a first reading. */
    public static byte[] encode(RoomAnalytics a) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"v\":").append(RoomAnalytics.VERSION);
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

    /** Decodes a reading with an explicit wall clock (for the future-timestamp rule). */
    public static Decoded<Reading> decodeReading(byte[] value, long nowMillis) {
        Fields f = new Fields();
        String problem = parse(value, f, false);
        if (problem == null) {
            problem = f.checkReading(nowMillis);
        }
        return problem == null
                ? Decoded.ok(new Reading(f.roomId, f.seq, f.ts, f.temperature))
                : Decoded.rejected(problem);
    }

    /** Decodes a derived record from Kafka value bytes, or says precisely why it is not one. */
    public static Decoded<RoomAnalytics> decodeAnalytics(byte[] value) {
        return decodeAnalytics(value, System.currentTimeMillis());
    }

    /** Decodes a derived record with an explicit wall clock (for the future-timestamp rule). */
    public static Decoded<RoomAnalytics> decodeAnalytics(byte[] value, long nowMillis) {
        Fields f = new Fields();
        String problem = parse(value, f, true);
        if (problem == null) {
            problem = f.checkReading(nowMillis);
        }
        if (problem == null) {
            problem = f.checkAnalytics();
        }
        return problem == null
                ? Decoded.ok(new RoomAnalytics(f.roomId, f.seq, f.ts, f.temperature, f.change, f.gap,
                        f.rollingAvg, f.rollingMin, f.rollingMax, (int) f.rollingCount, (int) f.windowSeconds))
                : Decoded.rejected(problem);
    }

    private static String parse(byte[] value, Fields f, boolean analytics) {
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
                String problem = f.read(in.nextName(), in, analytics);
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

    /** The fields seen while streaming over one object; NaN marks a number not present. */
    private static final class Fields {
        Integer version;
        String roomId;
        long seq = Long.MIN_VALUE;
        String tsText;
        long ts;
        double temperature = Double.NaN;
        boolean hasTemperature;
        boolean hasChange;
        Double change;
        long gap = Long.MIN_VALUE;
        double rollingAvg = Double.NaN;
        double rollingMin = Double.NaN;
        double rollingMax = Double.NaN;
        long rollingCount = Long.MIN_VALUE;
        long windowSeconds = Long.MIN_VALUE;

        String read(String name, JsonReader in, boolean analytics) throws IOException {
            switch (name) {
                case "v" -> {
                    long v = integer(in, name);
                    version = v == Long.MIN_VALUE ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(v, Integer.MAX_VALUE));
                    return v == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
                }
                case "roomId" -> {
                    if (in.peek() != JsonToken.STRING) {
                        return wrongType(in, name, "a string");
                    }
                    roomId = in.nextString();
                    return null;
                }
                case "seq" -> {
                    seq = integer(in, name);
                    return seq == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
                }
                case "ts" -> {
                    if (in.peek() != JsonToken.STRING) {
                        return wrongType(in, name, "an ISO-8601 UTC string");
                    }
                    tsText = in.nextString();
                    return null;
                }
                case "temperature" -> {
                    if (in.peek() != JsonToken.NUMBER) {
                        return wrongType(in, name, "a number");
                    }
                    temperature = in.nextDouble();
                    hasTemperature = true;
                    return null;
                }
                default -> {
                    return analytics ? readAnalytics(name, in) : skip(in);
                }
            }
        }

        private String readAnalytics(String name, JsonReader in) throws IOException {
            switch (name) {
                case "change" -> {
                    hasChange = true;
                    if (in.peek() == JsonToken.NULL) {
                        in.nextNull();
                        change = null;
                        return null;
                    }
                    if (in.peek() != JsonToken.NUMBER) {
                        return wrongType(in, name, "a number or null");
                    }
                    change = in.nextDouble();
                    return null;
                }
                case "gap" -> {
                    gap = integer(in, name);
                    return gap == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
                }
                case "rollingCount" -> {
                    rollingCount = integer(in, name);
                    return rollingCount == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
                }
                case "windowSeconds" -> {
                    windowSeconds = integer(in, name);
                    return windowSeconds == Long.MIN_VALUE ? wrongType(in, name, "an integer") : null;
                }
                case "rollingAvg", "rollingMin", "rollingMax" -> {
                    if (in.peek() != JsonToken.NUMBER) {
                        return wrongType(in, name, "a number");
                    }
                    double d = in.nextDouble();
                    switch (name) {
                        case "rollingAvg" -> rollingAvg = d;
                        case "rollingMin" -> rollingMin = d;
                        default -> rollingMax = d;
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

        String checkReading(long nowMillis) {
            if (version == null) {
                return "missing field 'v'";
            }
            if (version != Reading.VERSION) {
                return "unknown schema version " + version + " (supported: " + Reading.VERSION + ")";
            }
            if (roomId == null) {
                return "missing field 'roomId'";
            }
            String roomProblem = checkRoomId(roomId);
            if (roomProblem != null) {
                return roomProblem;
            }
            if (seq == Long.MIN_VALUE) {
                return "missing field 'seq'";
            }
            if (seq < 0) {
                return "negative seq " + seq;
            }
            if (tsText == null) {
                return "missing field 'ts'";
            }
            try {
                ts = Timestamps.parseIso(tsText);
            } catch (DateTimeParseException | ArithmeticException e) {
                return "bad timestamp '" + clip(tsText) + "': expected ISO-8601 UTC like 2026-11-21T15:04:05.123Z";
            }
            if (ts < MIN_TS_MILLIS) {
                return "timestamp " + tsText + " is before 2000-01-01";
            }
            if (ts > nowMillis + MAX_FUTURE_MILLIS) {
                return "timestamp " + tsText + " is more than 7 days in the future";
            }
            if (!hasTemperature) {
                return "missing field 'temperature'";
            }
            if (temperature < MIN_TEMPERATURE || temperature > MAX_TEMPERATURE) {
                return "temperature " + temperature + " outside the physical range [" + MIN_TEMPERATURE + ", "
                        + MAX_TEMPERATURE + "] degC";
            }
            return null;
        }

        String checkAnalytics() {
            if (!hasChange) {
                return "missing field 'change'";
            }
            if (gap == Long.MIN_VALUE) {
                return "missing field 'gap'";
            }
            if (gap < 0) {
                return "negative gap " + gap;
            }
            if (Double.isNaN(rollingAvg)) {
                return "missing field 'rollingAvg'";
            }
            if (Double.isNaN(rollingMin)) {
                return "missing field 'rollingMin'";
            }
            if (Double.isNaN(rollingMax)) {
                return "missing field 'rollingMax'";
            }
            if (rollingCount == Long.MIN_VALUE) {
                return "missing field 'rollingCount'";
            }
            if (rollingCount < 1 || rollingCount > Integer.MAX_VALUE) {
                return "rollingCount " + rollingCount + " must be at least 1";
            }
            if (windowSeconds == Long.MIN_VALUE) {
                return "missing field 'windowSeconds'";
            }
            if (windowSeconds < 1 || windowSeconds > Integer.MAX_VALUE) {
                return "windowSeconds " + windowSeconds + " must be at least 1";
            }
            return null;
        }
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
            char c = roomId.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return "roomId '" + clip(roomId) + "' has a character outside [A-Za-z0-9._-]";
            }
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Thrown for a number where an integer is required; turned into a wrong-type rejection. */
    private static final class NotIntegral extends NumberFormatException {
        NotIntegral(String field, String text) {
            super("wrong type for field '" + field + "': expected an integer, got " + clip(text));
        }
    }
}
