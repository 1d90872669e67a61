package io.sensorpipe.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LateReadingTest {
    private static final LateReading LATE = new LateReading("room-007", 42, 1_790_000_000_123L, 21.37,
            1_790_000_400_000L, 399_877, 300_000, LateReading.TOO_LATE, "readings", 3, 1234);

    @Test
    void roundTripsThroughItsJson() {
        String json = new String(LATE.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"v\":1,\"roomId\":\"room-007\",\"seq\":42,\"ts\":\"2026-09-21T"), json);
        assertTrue(json.contains("\"src\":{\"topic\":\"readings\",\"partition\":3,\"offset\":1234}"), json);
        Decoded<LateReading> back = LateReading.parse(LATE.toJson());
        assertTrue(back.isOk(), back.reason());
        assertEquals(LATE, back.value());
        assertEquals("room-007:42", back.value().id());
    }

    @Test
    void aConflictingDuplicateIsStoredOncePerContentBesideTheAcceptedReadingsId() {
        LateReading dup = new LateReading("room-007", 42, 1_790_000_000_123L, 25.5, 1_790_000_000_000L, -123,
                300_000, LateReading.CONFLICTING_DUPLICATE, "readings", 3, 1300);
        Decoded<LateReading> back = LateReading.parse(dup.toJson());
        assertTrue(back.isOk(), back.reason());
        assertEquals("room-007:42/conflicting duplicate/2026-09-21T14:13:20.123Z/25.5", back.value().id());
        LateReading outOfOrder = new LateReading("room-007", 0, 1_790_000_000_123L, 25.5, 1_790_000_000_000L, -123,
                300_000, LateReading.OUT_OF_ORDER, "readings", 3, 1301);
        assertTrue(LateReading.parse(outOfOrder.toJson()).isOk(), "seq 0 is a valid reading's seq");
        assertEquals("room-007:0", outOfOrder.id(), "never accepted: stored once, like a too-late reading");
    }

    @Test
    void anythingElseIsRejectedWithAReason() {
        for (String bad : new String[]{"", "{", "[]", "{\"v\":2}", "{\"v\":1,\"roomId\":\"r\"}",
                new String(LATE.toJson(), StandardCharsets.UTF_8).replace("\"seq\":42", "\"seq\":-1"),
                new String(LATE.toJson(), StandardCharsets.UTF_8).replace("too late", "just because"),
                new String(LATE.toJson(), StandardCharsets.UTF_8).replace("399877", "-5")}) {
            Decoded<LateReading> d = LateReading.parse(bad.getBytes(StandardCharsets.UTF_8));
            assertFalse(d.isOk(), bad);
            assertTrue(d.reason().startsWith("late reading: "), d.reason());
        }
    }
}
