package io.sensorpipe.common.config;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every command: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d}, a bare
 * number of seconds ({@code 45}), or ISO-8601 ({@code PT30S}); 0 to 3650 days. {@link Positive} also refuses zero.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");
    /** Longest duration any setting accepts: ten years (each setting has its own, smaller bound as well). */
    public static final Duration MAX = Duration.ofDays(3650);

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    /** The same grammar for settings that must be above zero (an interval, a run's length). */
    public static final class Positive implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            Duration d = parse(text);
            if (d.isZero()) {
                throw new TypeConversionException("'" + text + "' must be more than zero (examples: 30s, 500ms, 2m, 1h)");
            }
            return d;
        }
    }

    /** The duration of {@code text}; a bare number means seconds. */
    public static Duration parse(String text) {
        Duration d = parseUnbounded(text);
        if (d.isNegative() || d.compareTo(MAX) > 0) {
            throw new TypeConversionException("'" + text + "' is out of range (0 to 3650 days)");
        }
        return d;
    }

    private static Duration parseUnbounded(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            try {
                return Duration.parse(t);
            } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
                throw new TypeConversionException("'" + text + "' is not a duration (examples: 30s, 500ms, 2m, 1h)");
            }
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a duration (examples: 30s, 500ms, 2m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The short form of a duration for messages and child flags: {@code 500ms}, {@code 30s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
