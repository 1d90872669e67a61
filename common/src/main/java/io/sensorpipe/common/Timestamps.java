package io.sensorpipe.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** ISO-8601 UTC timestamps with milliseconds, the pipeline's one textual time format. */
public final class Timestamps {
    private Timestamps() {
    }

    /** Appends {@code yyyy-MM-ddTHH:mm:ss.SSSZ} for epoch milliseconds (always three fraction digits). */
    public static void appendIso(StringBuilder sb, long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(days);
        int y = d.getYear();
        if (y < 0 || y > 9999) {
            sb.append(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis)));
            return;
        }
        pad(sb, y, 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        pad(sb, d.getDayOfMonth(), 2).append('T');
        pad(sb, (int) (msOfDay / 3_600_000), 2).append(':');
        pad(sb, (int) (msOfDay / 60_000 % 60), 2).append(':');
        pad(sb, (int) (msOfDay / 1000 % 60), 2).append('.');
        pad(sb, (int) (msOfDay % 1000), 3).append('Z');
    }

    /** The canonical text of epoch milliseconds. */
    public static String iso(long epochMillis) {
        StringBuilder sb = new StringBuilder(24);
        appendIso(sb, epochMillis);
        return sb.toString();
    }

    /**
     * Parses an ISO-8601 timestamp in UTC ("Z" or "+00:00"), with or without a fraction of a second.
     *
     * @throws DateTimeParseException when the text is not such a timestamp
     */
    public static long parseIso(String text) {
        if (text.endsWith("Z")) {
            return Instant.parse(text).toEpochMilli();
        }
        OffsetDateTime t = OffsetDateTime.parse(text);
        if (!t.getOffset().equals(ZoneOffset.UTC)) {
            throw new DateTimeParseException("not UTC", text, text.length() - 1);
        }
        return t.toInstant().toEpochMilli();
    }

    /** Length of the canonical text {@code yyyy-MM-ddTHH:mm:ss.SSSZ} for years 0000 to 9999. */
    static final int CANONICAL_LENGTH = 24;

    /**
     * Parses the canonical text {@link #appendIso} writes for years 0000 to 9999, from ASCII bytes at
     * {@code offset}, without java.time: every digit, separator and field range is checked (month 1-12, day
     * within its month in the proleptic Gregorian calendar, hour below 24, minute and second below 60).
     *
     * @return epoch milliseconds, or {@link Long#MIN_VALUE} when the 24 bytes are not exactly such a text
     *         (including what {@link #parseIso} would still accept, such as a leap second or 24:00)
     */
    static long parseCanonical(byte[] b, int offset) {
        if (offset < 0 || offset + CANONICAL_LENGTH > b.length
                || b[offset + 4] != '-' || b[offset + 7] != '-' || b[offset + 10] != 'T' || b[offset + 13] != ':'
                || b[offset + 16] != ':' || b[offset + 19] != '.' || b[offset + 23] != 'Z') {
            return Long.MIN_VALUE;
        }
        int year = digits(b, offset, 4);
        int month = digits(b, offset + 5, 2);
        int day = digits(b, offset + 8, 2);
        int hour = digits(b, offset + 11, 2);
        int minute = digits(b, offset + 14, 2);
        int second = digits(b, offset + 17, 2);
        int milli = digits(b, offset + 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) {
            return Long.MIN_VALUE;
        }
        return epochDay(year, month, day) * 86_400_000L
                + hour * 3_600_000L + minute * 60_000L + second * 1000L + milli;
    }

    /** The value of {@code n} ASCII digits, or -1 when one of them is not a digit. */
    private static int digits(byte[] b, int offset, int n) {
        int v = 0;
        for (int i = offset; i < offset + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
