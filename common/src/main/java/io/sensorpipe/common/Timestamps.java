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

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
