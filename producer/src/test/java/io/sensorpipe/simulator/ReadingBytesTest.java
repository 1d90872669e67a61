package io.sensorpipe.simulator;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.Timestamps;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadingBytesTest {
    private static final long TS = Timestamps.parseIso("2026-11-21T15:04:05.123Z");

    private static void assertSameAsCodec(ReadingBytes encoder, Reading r) {
        assertArrayEquals(Codec.encode(r), encoder.encode(r.roomId().getBytes(StandardCharsets.UTF_8), r),
                () -> "differs from the codec for " + r);
    }

    @Test
    void everyTwoDecimalTemperatureInRangeMatchesTheCodec() {
        ReadingBytes encoder = new ReadingBytes();
        for (int c = -5000; c <= 10000; c++) {
            assertSameAsCodec(encoder, new Reading("room-001", c + 6000, TS + c * 997L, c / 100.0));
        }
    }

    @Test
    void edgeValuesMatchTheCodec() {
        ReadingBytes encoder = new ReadingBytes();
        double[] temperatures = {-0.0, 0.0, 21.375, 1e-9, -50.0, 100.0, 100.01, -50.01, 0.1 + 0.2};
        long[] times = {0, TS, Timestamps.parseIso("2000-01-01T00:00:00Z") - 1, Timestamps.parseIso("9999-12-31T23:59:59.999Z"),
            Timestamps.parseIso("9999-12-31T23:59:59.999Z") + 1, -1, Timestamps.parseIso("2026-12-31T23:59:59.999Z")};
        long[] seqs = {0, 1, 9, 10, 99, 100, Long.MAX_VALUE, -1};
        for (double t : temperatures) {
            for (long ts : times) {
                for (long seq : seqs) {
                    assertSameAsCodec(encoder, new Reading("room-007", seq, ts, t));
                }
            }
        }
    }

    @Test
    void generatedReadingsAcrossDaysMatchTheCodec() {
        ReadingGenerator g = new ReadingGenerator(20, 3, TS, 7_777, new FaultRates(0.02, 0.2, 0.02, 0.02), Map.of());
        int checked = 0;
        while (g.readings() < 300_000) {
            Emission e = g.next();
            if (e.kind() == Emission.Kind.READING) {
                assertArrayEquals(Codec.encode(e.reading()), e.value(), () -> "differs for " + e.reading());
                checked++;
            }
        }
        assertEquals(300_000, checked);
    }
}
