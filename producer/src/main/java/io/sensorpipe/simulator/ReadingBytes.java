package io.sensorpipe.simulator;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.Timestamps;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes exactly the bytes of {@link Codec#encode(Reading)}, straight into a byte array without intermediate
 * strings: temperatures with two decimals come from a table built with the codec's own formatting, the date
 * part of the timestamp is cached per day. Anything outside that fast path is handed to the codec itself.
 * Byte-identity with the codec is tested ({@code ReadingBytesTest}). Not thread-safe: one per generator.
 */
final class ReadingBytes {
    private static final byte[] PREFIX = bytes("{\"v\":" + Reading.VERSION + ",\"roomId\":\"");
    private static final byte[] SEQ = bytes("\",\"seq\":");
    private static final byte[] TS = bytes(",\"ts\":\"");
    private static final byte[] TEMPERATURE = bytes("\",\"temperature\":");
    private static final int MIN_CENTI = (int) Math.round(Codec.MIN_TEMPERATURE * 100);
    private static final int MAX_CENTI = (int) Math.round(Codec.MAX_TEMPERATURE * 100);
    /** The codec's text of every two-decimal temperature in the physical range, by hundredths of a degree. */
    private static final byte[][] TEMPERATURES = new byte[MAX_CENTI - MIN_CENTI + 1][];
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long LAST_FAST_DAY = Math.floorDiv(Timestamps.parseIso("9999-12-31T00:00:00Z"), DAY_MILLIS);

    static {
        for (int c = MIN_CENTI; c <= MAX_CENTI; c++) {
            TEMPERATURES[c - MIN_CENTI] = bytes(Double.toString(c / 100.0));   // what StringBuilder.append(double) writes
        }
    }

    private final byte[] buf = new byte[256];
    private long cachedDay = Long.MIN_VALUE;
    private byte[] dayPrefix;

    /** The canonical JSON bytes of {@code r}, whose roomId's UTF-8 bytes are {@code roomIdBytes}. */
    byte[] encode(byte[] roomIdBytes, Reading r) {
        long centi = Math.round(r.temperature() * 100);
        long day = Math.floorDiv(r.tsMillis(), DAY_MILLIS);
        boolean fast = centi >= MIN_CENTI && centi <= MAX_CENTI && Double.compare(centi / 100.0, r.temperature()) == 0
                && r.seq() >= 0 && day >= 0 && day <= LAST_FAST_DAY && roomIdBytes.length <= Codec.MAX_ROOM_ID_LENGTH;
        if (!fast) {
            return Codec.encode(r);
        }
        int n = put(PREFIX, 0);
        n = put(roomIdBytes, n);
        n = put(SEQ, n);
        n = putDigits(r.seq(), n);
        n = put(TS, n);
        n = put(dayPrefix(day), n);
        n = putTimeOfDay(Math.floorMod(r.tsMillis(), DAY_MILLIS), n);
        n = put(TEMPERATURE, n);
        n = put(TEMPERATURES[(int) centi - MIN_CENTI], n);
        buf[n++] = '}';
        return Arrays.copyOf(buf, n);
    }

    /** "yyyy-MM-ddT" of the day, cached: consecutive readings almost always share it. */
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

    private int putDigits(long v, int n) {
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

    private int put(byte[] src, int n) {
        System.arraycopy(src, 0, buf, n, src.length);
        return n + src.length;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
