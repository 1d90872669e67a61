package io.sensorpipe.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Random;

import static io.sensorpipe.common.RandomRecords.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The canonical fast path handles what the encoder writes, and nothing else. */
class CanonicalDecoderTest {
    private static final String READING =
            "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}";
    private static final String DERIVED = READING.replace("}", ",\"change\":null,\"gap\":0,\"rollingAvg\":21.2,"
            + "\"rollingMin\":20.9,\"rollingMax\":21.5,\"rollingCount\":12,\"windowSeconds\":60}");

    @Test
    void canonicalRecordsAreHandledByTheFastPath() {
        RandomRecords gen = new RandomRecords(1);
        for (int i = 0; i < 10_000; i++) {
            Reading r = gen.typicalReading();
            RecordFields reading = CanonicalDecoder.reading(Codec.encode(r));
            assertNotNull(reading, r::toString);
            assertEquals(Decoded.ok(r), reading.reading(NOW));
            DerivedRecord a = gen.typicalAnalytics();
            RecordFields derived = CanonicalDecoder.analytics(Codec.encode(a));
            assertNotNull(derived, a::toString);
            assertEquals(Decoded.ok(a), derived.analytics(NOW));
        }
        assertNotNull(CanonicalDecoder.reading(bytes(READING)));
        assertNotNull(CanonicalDecoder.analytics(bytes(DERIVED)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"21.0", "-0.0", "0.0", "1.0E-4", "-0.13000000000000256", "4.9E-324", "1.7976931348623157E308",
        "21.213333333333335", "1.0E22", "1.0E23", "123456789012345.0", "1234567890123456.7", "0", "-0", "7e+2"})
    void everyDoubleTextTheEncoderWritesIsHandledBitForBit(String number) {
        RecordFields f = CanonicalDecoder.analytics(bytes(DERIVED.replace("\"rollingAvg\":21.2", "\"rollingAvg\":" + number)));
        assertNotNull(f, number);
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(number)), Double.doubleToRawLongBits(f.rollingAvg));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        " " + READING,
        "{\"v\": 1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"roomId\":\"room-001\",\"v\":1,\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room\\u002d001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"a:b\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1.0,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":0123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":1234567890123456789,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123+00:00\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2016-12-31T23:59:60.000Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T24:00:00.000Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2025-02-29T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-04-31T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-13-21T15:04:05.123Z\",\"temperature\":21.37}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":1e999}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":NaN}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":.5}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37,\"x\":1}",
        "{\"v\":1,\"roomId\":\"room-001\",\"seq\":123,\"ts\":\"2026-11-21T15:04:05.123Z\"}",
        READING + " ",
        READING + "}",
    })
    void anythingElseIsNotHandled(String json) {
        assertNull(CanonicalDecoder.reading(bytes(json)), json);
    }

    @Test
    void readingAndDerivedShapesAreNotMistakenForEachOther() {
        assertNull(CanonicalDecoder.reading(bytes(DERIVED)));
        assertNull(CanonicalDecoder.analytics(bytes(READING)));
        assertNull(CanonicalDecoder.analytics(bytes(DERIVED.replace("\"change\":null", "\"change\":nul"))));
        assertNull(CanonicalDecoder.analytics(bytes(DERIVED.replace("\"rollingCount\":12", "\"rollingCount\":12.0"))));
        assertNull(CanonicalDecoder.reading(null));
        assertNull(CanonicalDecoder.reading(new byte[0]));
    }

    /** Every day from 1899 to 2101 (leap rules of 1900, 2000 and 2100), and random times in years 0000-9999. */
    @Test
    void canonicalTimestampsParseLikeJavaTime() {
        for (long day = LocalDate.of(1899, 12, 25).toEpochDay(); day <= LocalDate.of(2101, 1, 5).toEpochDay(); day++) {
            assertParsesLikeJavaTime(day * 86_400_000L + 86_399_999L);
        }
        Random rnd = new Random(3);
        long first = Timestamps.parseIso("0000-01-01T00:00:00Z");
        long last = Timestamps.parseIso("9999-12-31T23:59:59.999Z");
        for (int i = 0; i < 100_000; i++) {
            assertParsesLikeJavaTime(first + (long) (rnd.nextDouble() * (last - first)));
        }
        assertParsesLikeJavaTime(first);
        assertParsesLikeJavaTime(last);
    }

    private static void assertParsesLikeJavaTime(long millis) {
        String text = Timestamps.iso(millis);
        assertEquals(Timestamps.parseIso(text), Timestamps.parseCanonical(bytes(text), 0), text);
        assertEquals(millis, Timestamps.parseCanonical(bytes(text), 0), text);
    }

    @Test
    void impossibleDatesAreNotCanonical() {
        for (int year : new int[] {0, 1900, 1999, 2000, 2024, 2025, 2100, 9999}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    String text = String.format("%04d-%02d-%02dT12:00:00.000Z", year, month, day);
                    assertEquals(realDate(year, month, day), Timestamps.parseCanonical(bytes(text), 0) != Long.MIN_VALUE, text);
                }
            }
        }
    }

    private static boolean realDate(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
