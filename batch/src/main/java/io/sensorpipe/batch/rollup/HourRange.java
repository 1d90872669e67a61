package io.sensorpipe.batch.rollup;

import io.sensorpipe.common.Timestamps;
import io.sensorpipe.common.config.SettingException;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The optional time range of a rollup, widened to whole UTC hours so that every hour written is complete
 * (a partial hour would replace a complete one with partial figures).
 *
 * @param from first hour included, or null for no lower bound
 * @param to   end (exclusive, on an hour boundary), or null for no upper bound
 */
public record HourRange(Instant from, Instant to) implements Serializable {
    /** No bounds: every stored reading. */
    public static final HourRange ALL = new HourRange(null, null);

    /** Parses the --from/--to flags (ISO-8601 UTC, either may be null) and widens them to whole hours. */
    public static HourRange parse(String from, String to) {
        Instant f = from == null ? null : instant(from, "--from").truncatedTo(ChronoUnit.HOURS);
        Instant t = to == null ? null : ceilHour(instant(to, "--to"));
        if (f != null && t != null && !f.isBefore(t)) {
            throw new SettingException("--from/--to", "the range " + from + " .. " + to + " is empty");
        }
        return new HourRange(f, t);
    }

    /** A readable form for the summary line. */
    public String describe() {
        return (from == null ? "start" : from.toString()) + " .. " + (to == null ? "end" : to.toString());
    }

    private static Instant ceilHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.HOURS);
    }

    private static Instant instant(String text, String flag) {
        try {
            return Instant.ofEpochMilli(Timestamps.parseIso(text));
        } catch (DateTimeException e) {
            throw new SettingException(flag, "'" + text + "' is not an ISO-8601 UTC time like 2026-11-21T15:00:00Z");
        }
    }
}
