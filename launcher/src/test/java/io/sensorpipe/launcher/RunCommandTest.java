package io.sensorpipe.launcher;

import io.sensorpipe.common.config.Cli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunCommandTest {
    private static String errorOf(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Cli.EXIT_USAGE, Cli.execute(new RunCommand(), args));
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void zeroRoomsIsABadSettingNamedInOneLine() {
        assertEquals("error: invalid setting --rooms: must be positive, got 0\n", errorOf("--rooms", "0"));
    }

    @Test
    void negativeRateIsABadSetting() {
        assertEquals("error: invalid setting --rate: must be positive, got -5\n", errorOf("--rate", "-5"));
    }

    @Test
    void unreadableDurationNamesTheOptionWithoutAStackTrace() {
        String err = errorOf("--duration", "soon");
        assertEquals(2, err.lines().count(), err);
        assertEquals("error: Invalid value for option '--duration': 'soon' is not a duration (examples: 30s, 500ms, 2m, 1h)",
                err.lines().findFirst().orElseThrow());
    }

    @Test
    void unknownFlagIsRejected() {
        assertEquals("error: Unknown option: '--roms=3'", errorOf("--roms=3").lines().findFirst().orElseThrow());
    }
}
