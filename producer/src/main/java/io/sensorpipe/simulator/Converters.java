package io.sensorpipe.simulator;

import io.sensorpipe.common.Timestamps;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Picocli converters for the simulator's flags: rates ("max" or a number), durations ("30s") and instants. */
final class Converters {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Converters() {
    }

    /** "max" (no limit, infinity) or a positive number of records per second. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.equalsIgnoreCase("max")) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                double rate = Double.parseDouble(value);
                if (rate > 0 && Double.isFinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new TypeConversionException("'" + value + "' is not a positive number of readings per second or 'max'");
        }
    }

    /** A positive duration such as 500ms, 30s, 5m, 2h, 1d or ISO-8601 (PT30S). */
    static final class Span implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
            Duration d = null;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                try {
                    d = Duration.parse(value);
                } catch (DateTimeParseException e) {
                    // fall through to the message below
                }
            }
            if (d == null || d.isNegative() || d.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration like 500ms, 30s, 5m, 2h");
            }
            return d;
        }
    }

    /** An ISO-8601 UTC instant (2026-11-21T15:00:00Z), as epoch milliseconds. */
    static final class Instant implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Timestamps.parseIso(value);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 UTC time like 2026-11-21T15:00:00Z");
            }
        }
    }
}
