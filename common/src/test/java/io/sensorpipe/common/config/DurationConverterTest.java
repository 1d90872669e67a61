package io.sensorpipe.common.config;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {
    @Test
    void acceptsTheUsualShortForms() {
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofSeconds(45), DurationConverter.parse("45"));
        assertEquals(Duration.ofSeconds(90), DurationConverter.parse("PT1M30S"));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> DurationConverter.parse("soon"));
        assertEquals("'soon' is not a duration (examples: 30s, 500ms, 2m, 1h)", e.getMessage());
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("-5s"));
    }

    @Test
    void formatsForChildFlags() {
        assertEquals("1s", DurationConverter.format(Duration.ofSeconds(1)));
        assertEquals("500ms", DurationConverter.format(Duration.ofMillis(500)));
    }
}
