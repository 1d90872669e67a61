package io.sensorpipe.producer;

import io.sensorpipe.common.Timestamps;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.format.DateTimeParseException;

/** Picocli converters for the simulator's flags: rates ("max" or a number) and instants (durations: DurationConverter). */
final class Converters {
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
