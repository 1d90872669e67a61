package io.sensorpipe.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link Codec}'s decoding: one walk over the bytes of a record in exactly the canonical form
 * {@link Codec#encode} writes (that field order, those separators, no whitespace, no escapes, no other field),
 * without a String of the whole value and without Gson. It only fills {@link RecordFields}; the checks and the
 * rejection reasons stay with them. Any deviation, even one the streaming parser would accept, is "not handled"
 * (null), and the caller takes the streaming parser, so results never depend on which path ran.
 */
final class CanonicalDecoder {
    private static final byte[] START = ascii("{\"v\":");
    private static final byte[] ROOM_ID = key("roomId");
    private static final byte[] SEQ = key("seq");
    private static final byte[] TS = key("ts");
    private static final byte[] TEMPERATURE = key("temperature");
    private static final byte[] CHANGE = key("change");
    private static final byte[] NULL = ascii("null");
    private static final byte[] GAP = key("gap");
    private static final byte[] ROLLING_AVG = key("rollingAvg");
    private static final byte[] ROLLING_MIN = key("rollingMin");
    private static final byte[] ROLLING_MAX = key("rollingMax");
    private static final byte[] ROLLING_COUNT = key("rollingCount");
    private static final byte[] WINDOW_SECONDS = key("windowSeconds");
    private static final byte[] END = ascii("}");
    /** The largest integer up to which every integer is exact as a double. */
    private static final long EXACT_MANTISSA = 1L << 53;
    /** 10^0 .. 10^22: the powers of ten a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private final byte[] b;
    private int pos;
    /** False from the first deviation from the canonical form on; every step then does nothing. */
    private boolean ok = true;

    private CanonicalDecoder(byte[] value) {
        b = value;
    }

    /** The fields of a canonical reading, or null when {@code value} is not exactly one (not handled). */
    static RecordFields reading(byte[] value) {
        return decode(value, false);
    }

    /** The fields of a canonical derived record, or null when {@code value} is not exactly one (not handled). */
    static RecordFields analytics(byte[] value) {
        return decode(value, true);
    }

    private static RecordFields decode(byte[] value, boolean analytics) {
        if (!sizeOk(value)) {
            return null;
        }
        CanonicalDecoder d = new CanonicalDecoder(value);
        RecordFields f = new RecordFields();
        d.common(f);
        if (analytics) {
            d.analytics(f);
        }
        d.end();
        return d.ok ? f : null;
    }

    /** Empty and oversized values keep their reasons from the streaming parser. */
    private static boolean sizeOk(byte[] value) {
        return value != null && value.length > 0 && value.length <= Codec.MAX_VALUE_BYTES;
    }

    /** The fields every record starts with: v, roomId, seq, ts, temperature. */
    private void common(RecordFields f) {
        expect(START);
        f.version(integer());
        expect(ROOM_ID);
        f.roomId = roomId();
        expect(SEQ);
        f.seq = integer();
        expect(TS);
        f.parsedTs(timestamp());
        expect(TEMPERATURE);
        f.temperature(number());
    }

    /** The fields a derived record adds: change, gap and the rolling-window statistics. */
    private void analytics(RecordFields f) {
        expect(CHANGE);
        f.change(at(NULL) ? null : number());
        expect(GAP);
        f.gap = integer();
        expect(ROLLING_AVG);
        f.rollingAvg = number();
        expect(ROLLING_MIN);
        f.rollingMin = number();
        expect(ROLLING_MAX);
        f.rollingMax = number();
        expect(ROLLING_COUNT);
        f.rollingCount = integer();
        expect(WINDOW_SECONDS);
        f.windowSeconds = integer();
    }

    private void end() {
        expect(END);
        ok &= pos == b.length;
    }

    /** Consumes {@code literal} when the bytes at the position are exactly it; a deviation otherwise. */
    private void expect(byte[] literal) {
        if (!at(literal)) {
            ok = false;
        }
    }

    /** Consumes {@code literal} and says true when the bytes at the position are exactly it. */
    private boolean at(byte[] literal) {
        int end = pos + literal.length;
        if (ok && end <= b.length && Arrays.equals(b, pos, end, literal, 0, literal.length)) {
            pos = end;
            return true;
        }
        return false;
    }

    /** Consumes {@code c} and says true when it is the byte at the position. */
    private boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** True when the {@code n} digits just consumed are an integer part: at least one, no leading zero. */
    private boolean integerPart(int n) {
        return n == 1 || (n > 1 && b[pos - n] != '0');
    }

    private int peek() {
        return pos < b.length ? b[pos] : -1;
    }

    /** A quoted room id of 1..64 bytes of [A-Za-z0-9._-]; anything else (an escape too) is a deviation. */
    private String roomId() {
        if (!ok || peek() != '"') {
            ok = false;
            return null;
        }
        int start = ++pos;
        while (pos < b.length && Codec.isRoomIdChar(b[pos])) {
            pos++;
        }
        int n = pos - start;
        if (n < 1 || n > Codec.MAX_ROOM_ID_LENGTH || peek() != '"') {
            ok = false;
            return null;
        }
        pos++;
        return new String(b, start, n, StandardCharsets.ISO_8859_1);
    }

    /** A quoted canonical timestamp (see {@link Timestamps#parseCanonical}) as epoch milliseconds. */
    private long timestamp() {
        int close = pos + 1 + Timestamps.CANONICAL_LENGTH;
        if (!ok || close >= b.length || b[pos] != '"' || b[close] != '"') {
            ok = false;
            return 0;
        }
        long ts = Timestamps.parseCanonical(b, pos + 1);
        ok = ts != Long.MIN_VALUE;
        pos = close + 1;
        return ts;
    }

    /** A JSON integer {@code -?(0|[1-9][0-9]*)} of at most 18 digits (so it fits a long). */
    private long integer() {
        boolean negative = consume('-');
        int start = pos;
        long v = digits(0);
        int n = pos - start;
        ok &= n <= 18 && integerPart(n);
        return negative ? -v : v;
    }

    /**
     * A finite JSON number {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, bit for bit the double that
     * Gson's {@code nextDouble} gives for it: {@link Double#parseDouble} of its text, or {@link #exactDouble}
     * where that is provably the same double and cheaper. An infinite value is a deviation,
     * so that the streaming parser gives its reason.
     */
    private double number() {
        if (!ok) {
            return 0;
        }
        int start = pos;
        boolean negative = consume('-');
        int intStart = pos;
        long mantissa = digits(0);
        int intDigits = pos - intStart;
        boolean valid = integerPart(intDigits);
        int fractionDigits = 0;
        if (consume('.')) {
            int fractionStart = pos;
            mantissa = digits(mantissa);
            fractionDigits = pos - fractionStart;
            valid &= fractionDigits > 0;
        }
        long exponent = 0;
        int exponentDigits = 0;
        if (consume('e') || consume('E')) {
            boolean negativeExponent = consume('-');
            if (!negativeExponent) {
                consume('+');
            }
            int exponentStart = pos;
            exponent = digits(0);
            exponentDigits = pos - exponentStart;
            valid &= exponentDigits > 0;
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (!valid) {
            ok = false;
            return 0;
        }
        double d = exactDouble(negative, mantissa, intDigits + fractionDigits, exponentDigits,
                exponent - fractionDigits);
        if (Double.isNaN(d)) {
            d = Double.parseDouble(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        }
        ok = !Double.isInfinite(d);
        return d;
    }

    /**
     * Clinger's exact case: when the decimal's digits, read as the integer {@code mantissa}, are at most 2^53 (so
     * exact as a double; at most 18 digits, so they did not overflow the long) and {@code |exponent10| <= 22} (so
     * {@code 10^|exponent10|} is exact as a double), the value {@code mantissa * 10^exponent10} is one IEEE 754
     * multiplication or division of two exact operands, which Java rounds to nearest, ties to even. That is the
     * correctly rounded double of the decimal, which {@link Double#parseDouble} also promises, so the two agree
     * to the bit (sign too: negation is exact, and -0.0 stays -0.0). Covers two-decimal temperatures and about
     * half of the 16- and 17-digit texts {@link Double#toString} writes for computed values.
     *
     * @return that double, or NaN when the case does not apply and the text must go to {@code parseDouble}
     */
    private static double exactDouble(boolean negative, long mantissa, int digitCount, int exponentDigits,
                                      long exponent10) {
        if (digitCount > 18 || mantissa > EXACT_MANTISSA || exponentDigits > 4
                || exponent10 < -22 || exponent10 > 22) {
            return Double.NaN;
        }
        double m = mantissa;
        double d = exponent10 >= 0 ? m * POWERS_OF_TEN[(int) exponent10] : m / POWERS_OF_TEN[(int) -exponent10];
        return negative ? -d : d;
    }

    /** Consumes the ASCII digits at the position and folds them into {@code acc} (exact up to 18 digits). */
    private long digits(long acc) {
        while (pos < b.length) {
            int d = b[pos] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            acc = acc * 10 + d;
            pos++;
        }
        return acc;
    }

    private static byte[] key(String name) {
        return ascii(",\"" + name + "\":");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
