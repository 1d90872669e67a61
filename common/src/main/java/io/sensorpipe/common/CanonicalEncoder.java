package io.sensorpipe.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes exactly the bytes of the codec's canonical text ({@link Codec#encodeText}), straight into a byte array
 * without intermediate strings: temperatures with two decimals (readings, and a window's min and max) come from a
 * table built with the codec's own formatting, the date part of a timestamp is cached per day, and only the other
 * doubles (a derived record's change and average) go through {@link Double#toString}. Anything outside that fast
 * path is handed to the text encoder. Byte-identity is tested ({@code CanonicalEncoderTest}). Not thread-safe:
 * {@link Codec} keeps one per thread, a generator may own one.
 */
public final class CanonicalEncoder {
    private static final byte[] PREFIX = bytes("{\"v\":" + Reading.VERSION + ",\"roomId\":\"");
    private static final byte[] SEQ = bytes("\",\"seq\":");
    private static final byte[] TS = bytes(",\"ts\":\"");
    private static final byte[] TEMPERATURE = bytes("\",\"temperature\":");
    private static final byte[] CHANGE = bytes(",\"change\":");
    private static final byte[] NULL = bytes("null");
    private static final byte[] GAP = bytes(",\"gap\":");
    private static final byte[] AVG = bytes(",\"rollingAvg\":");
    private static final byte[] MIN = bytes(",\"rollingMin\":");
    private static final byte[] MAX = bytes(",\"rollingMax\":");
    private static final byte[] COUNT = bytes(",\"rollingCount\":");
    private static final byte[] WINDOW = bytes(",\"windowSeconds\":");
    private static final int MIN_CENTI = (int) Math.round(Codec.MIN_TEMPERATURE * 100);
    private static final int MAX_CENTI = (int) Math.round(Codec.MAX_TEMPERATURE * 100);
    /** The codec's text of every two-decimal temperature in the physical range, by hundredths of a degree. */
    private static final byte[][] TEMPERATURES = new byte[MAX_CENTI - MIN_CENTI + 1][];
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long LAST_FAST_DAY = Math.floorDiv(Timestamps.parseIso("9999-12-31T00:00:00Z"), DAY_MILLIS);
    /** Longest fast-path record: fixed text, a 64-byte roomId, 19-digit longs and 24-character doubles. */
    private static final int BUFFER = 512;

    static {
        for (int c = MIN_CENTI; c <= MAX_CENTI; c++) {
            TEMPERATURES[c - MIN_CENTI] = bytes(Double.toString(c / 100.0));   // what StringBuilder.append(double) writes
        }
    }

    private final byte[] buf = new byte[BUFFER];
    private long cachedDay = Long.MIN_VALUE;
    private byte[] dayPrefix;

    /** The canonical JSON bytes of a reading. */
    public byte[] encode(Reading r) {
        if (!fastRoomId(r.roomId()) || !fastTime(r.tsMillis())) {
            return Codec.encodeText(r);
        }
        int n = common(r.roomId(), r.seq(), r.tsMillis(), r.temperature());
        buf[n++] = '}';
        return Arrays.copyOf(buf, n);
    }

    /** The canonical JSON bytes of a derived record. */
    public byte[] encode(DerivedRecord a) {
        if (!fastRoomId(a.roomId()) || !fastTime(a.tsMillis())) {
            return Codec.encodeText(a);
        }
        int n = common(a.roomId(), a.seq(), a.tsMillis(), a.temperature());
        n = put(CHANGE, n);
        n = a.change() == null ? put(NULL, n) : putDouble(a.change(), n);
        n = put(GAP, n);
        n = putLong(a.gap(), n);
        n = put(AVG, n);
        n = putDouble(a.rollingAvg(), n);
        n = put(MIN, n);
        n = putDouble(a.rollingMin(), n);
        n = put(MAX, n);
        n = putDouble(a.rollingMax(), n);
        n = put(COUNT, n);
        n = putLong(a.rollingCount(), n);
        n = put(WINDOW, n);
        n = putLong(a.windowSeconds(), n);
        buf[n++] = '}';
        return Arrays.copyOf(buf, n);
    }

    private int common(String roomId, long seq, long ts, double temperature) {
        int n = put(PREFIX, 0);
        for (int i = 0; i < roomId.length(); i++) {
            buf[n++] = (byte) roomId.charAt(i);
        }
        n = put(SEQ, n);
        n = putLong(seq, n);
        n = put(TS, n);
        long day = Math.floorDiv(ts, DAY_MILLIS);
        n = put(dayPrefix(day), n);
        n = putTimeOfDay(Math.floorMod(ts, DAY_MILLIS), n);
        n = put(TEMPERATURE, n);
        return putDouble(temperature, n);
    }

    /** ASCII ids of at most 64 characters are copied byte for byte (the text encoder writes them unescaped too). */
    private static boolean fastRoomId(String roomId) {
        if (roomId.length() > Codec.MAX_ROOM_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < roomId.length(); i++) {
            if (roomId.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean fastTime(long ts) {
        long day = Math.floorDiv(ts, DAY_MILLIS);
        return day >= 0 && day <= LAST_FAST_DAY;
    }

    /** "yyyy-MM-ddT" of the day, cached: consecutive records almost always share it. */
    private byte[] dayPrefix(long day) {
        if (day != cachedDay) {
            dayPrefix = bytes(Timestamps.iso(day * DAY_MILLIS).substring(0, 11));
            cachedDay = day;
        }
        return dayPrefix;
    }

    /** "HH:mm:ss.SSSZ". */
    private int putTimeOfDay(long ms, int n) {
        n = put2((int) (ms / 3_600_000), n);
        buf[n++] = ':';
        n = put2((int) (ms / 60_000 % 60), n);
        buf[n++] = ':';
        n = put2((int) (ms / 1000 % 60), n);
        buf[n++] = '.';
        int millis = (int) (ms % 1000);
        buf[n++] = (byte) ('0' + millis / 100);
        n = put2(millis % 100, n);
        buf[n++] = 'Z';
        return n;
    }

    private int put2(int v, int n) {
        buf[n] = (byte) ('0' + v / 10);
        buf[n + 1] = (byte) ('0' + v % 10);
        return n + 2;
    }

    /** What StringBuilder.append(double) writes; a two-decimal value in the physical range from the table. */
    private int putDouble(double d, int n) {
        long centi = Math.round(d * 100);
        if (centi >= MIN_CENTI && centi <= MAX_CENTI && Double.compare(centi / 100.0, d) == 0) {
            return put(TEMPERATURES[(int) centi - MIN_CENTI], n);
        }
        return putAscii(Double.toString(d), n);
    }

    /** What StringBuilder.append(long) writes. */
    private int putLong(long v, int n) {
        if (v < 0) {
            return putAscii(Long.toString(v), n);
        }
        int len = 1;
        for (long x = v; x >= 10; x /= 10) {
            len++;
        }
        for (int i = n + len - 1; i >= n; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return n + len;
    }

    private int putAscii(String s, int n) {
        for (int i = 0; i < s.length(); i++) {
            buf[n + i] = (byte) s.charAt(i);
        }
        return n + s.length();
    }

    private int put(byte[] src, int n) {
        System.arraycopy(src, 0, buf, n, src.length);
        return n + src.length;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
