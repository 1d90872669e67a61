package io.sensorpipe.producer;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Timestamps;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GeneratedBytesTest {
    @Test
    void generatedReadingsAcrossDaysAreTheCodecsBytes() {
        long start = Timestamps.parseIso("2026-11-21T15:04:05.123Z");
        ReadingGenerator g = new ReadingGenerator(20, 3, start, 7_777, new FaultRates(0.02, 0.2, 0.02, 0.02), Map.of());
        int checked = 0;
        while (g.readings() < 300_000) {
            Emission e = g.next();
            if (e.kind() == Emission.Kind.READING) {
                assertArrayEquals(Codec.encodeText(e.reading()), e.value(), () -> "differs for " + e.reading());
                checked++;
            }
        }
        assertEquals(300_000, checked);
    }
}
