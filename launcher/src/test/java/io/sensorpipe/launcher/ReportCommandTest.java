package io.sensorpipe.launcher;

import io.sensorpipe.common.config.SettingException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportCommandTest {
    private static final long NOW = 1_763_700_000_000L;

    @Test
    void sinceAcceptsAnIsoTimeOrAnAge() {
        assertEquals(1_763_683_200_000L, ReportCommand.sinceMillis("2025-11-21T00:00:00Z", NOW));
        assertEquals(NOW - 600_000, ReportCommand.sinceMillis("10m", NOW));
        assertNull(ReportCommand.sinceMillis(null, NOW));
    }

    @Test
    void badSinceNamesTheOption() {
        SettingException e = assertThrows(SettingException.class, () -> ReportCommand.sinceMillis("yesterday", NOW));
        assertEquals("invalid setting --since: 'yesterday' is neither an ISO-8601 UTC time nor an age like 10m",
                e.getMessage());
    }
}
