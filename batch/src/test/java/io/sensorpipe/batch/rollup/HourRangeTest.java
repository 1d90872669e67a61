package io.sensorpipe.batch.rollup;

import io.sensorpipe.common.config.SettingException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HourRangeTest {
    @Test
    void rangeIsWidenedToWholeHours() {
        HourRange r = HourRange.parse("2026-11-21T15:20:00.000Z", "2026-11-21T17:00:00.001Z");
        assertEquals(Instant.parse("2026-11-21T15:00:00Z"), r.from());
        assertEquals(Instant.parse("2026-11-21T18:00:00Z"), r.to());
    }

    @Test
    void endOnAnHourBoundaryStaysExclusive() {
        assertEquals(Instant.parse("2026-11-21T17:00:00Z"), HourRange.parse(null, "2026-11-21T17:00:00Z").to());
    }

    @Test
    void missingFlagsMeanNoBound() {
        assertEquals(HourRange.ALL, HourRange.parse(null, null));
    }

    @Test
    void unparseableTimeNamesTheFlag() {
        SettingException e = assertThrows(SettingException.class, () -> HourRange.parse("yesterday", null));
        assertTrue(e.getMessage().contains("--from"), e.getMessage());
    }

    @Test
    void emptyRangeIsRejected() {
        assertThrows(SettingException.class, () -> HourRange.parse("2026-11-21T15:00:00Z", "2026-11-21T14:00:00Z"));
    }
}
