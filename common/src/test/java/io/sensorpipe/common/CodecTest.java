package io.sensorpipe.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest {
    private static final long NOW = Timestamps.parseIso("2026-11-21T16:00:00.000Z");
    private static final String VALID =
            "{\"v\":1,\"roomId\":\"room-007\",\"seq\":42,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":21.37}";

    private static Decoded<Reading> decode(String json) {
        return Codec.decodeReading(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String reason(String json) {
        Decoded<Reading> d = decode(json);
        assertFalse(d.isOk(), "expected a rejection for " + json);
        return d.reason();
    }

    @Test
    void validReadingDecodesToTheRecord() {
        Decoded<Reading> d = decode(VALID);
        assertTrue(d.isOk(), d.reason());
        assertEquals(new Reading("room-007", 42, Timestamps.parseIso("2026-11-21T15:04:05.123Z"), 21.37), d.value());
    }

    @Test
    void encodingIsCanonicalAndRoundTrips() {
        Reading r = decode(VALID).value();
        assertEquals(VALID, new String(Codec.encode(r), StandardCharsets.UTF_8));
        assertArrayEquals(Codec.encode(r), Codec.encode(decode(new String(Codec.encode(r), StandardCharsets.UTF_8)).value()));
    }

    @Test
    void timestampsAlwaysCarryThreeFractionDigits() {
        assertEquals("2026-11-21T15:04:05.000Z", Timestamps.iso(Timestamps.parseIso("2026-11-21T15:04:05Z")));
        assertEquals("2026-01-02T03:04:05.007Z", Timestamps.iso(Timestamps.parseIso("2026-01-02T03:04:05.007+00:00")));
    }

    @Test
    void unknownFieldsAreIgnoredBecauseTheSchemaMayGrow() {
        assertTrue(decode(VALID.replace("}", ",\"humidity\":40,\"extra\":{\"a\":[1,2]}}")).isOk());
    }

    @Test
    void analyticsRoundTripKeepsAnExplicitNullChange() {
        DerivedRecord a = new DerivedRecord("room-1", 0, NOW - 1000, 20.5, null, 0, 20.5, 20.5, 20.5, 1, 60);
        String json = new String(Codec.encode(a), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"change\":null"), json);
        Decoded<DerivedRecord> back = Codec.decodeDerived(Codec.encode(a), NOW);
        assertTrue(back.isOk(), back.reason());
        assertEquals(a, back.value());
        DerivedRecord b = new DerivedRecord("room-1", 5, NOW, 21.0, 0.5, 3, 20.75, 20.5, 21.0, 2, 60);
        assertEquals(b, Codec.decodeDerived(Codec.encode(b), NOW).value());
    }

    @Test
    void analyticsWithoutChangeFieldIsRejected() {
        String json = "{\"v\":1,\"roomId\":\"r\",\"seq\":1,\"ts\":\"2026-11-21T15:00:00.000Z\",\"temperature\":20.0,"
                + "\"gap\":0,\"rollingAvg\":20.0,\"rollingMin\":20.0,\"rollingMax\":20.0,\"rollingCount\":1,\"windowSeconds\":60}";
        assertEquals("missing field 'change'", Codec.decodeDerived(json.getBytes(StandardCharsets.UTF_8), NOW).reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON            | hello world                                              | not JSON
            truncated           | {"v":1,"roomId":"room-1","seq":4                          | not JSON
            array               | [1,2,3]                                                  | not a JSON object
            string roomId num   | {"v":1,"roomId":7,"seq":1,"ts":"2026-11-21T15:00:00Z","temperature":20}         | wrong type for field 'roomId': expected a string, got a number
            seq as string       | {"v":1,"roomId":"r","seq":"1","ts":"2026-11-21T15:00:00Z","temperature":20}     | wrong type for field 'seq': expected an integer, got a string
            seq fractional      | {"v":1,"roomId":"r","seq":1.5,"ts":"2026-11-21T15:00:00Z","temperature":20}     | wrong type for field 'seq': expected an integer, got 1.5
            temperature string  | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":"20"}     | wrong type for field 'temperature': expected a number, got a string
            temperature null    | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":null}     | wrong type for field 'temperature': expected a number, got null
            ts as number        | {"v":1,"roomId":"r","seq":1,"ts":1700000000000,"temperature":20}                | wrong type for field 'ts': expected an ISO-8601 UTC string, got a number
            missing v           | {"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":20}             | missing field 'v'
            missing roomId      | {"v":1,"seq":1,"ts":"2026-11-21T15:00:00Z","temperature":20}                    | missing field 'roomId'
            missing seq         | {"v":1,"roomId":"r","ts":"2026-11-21T15:00:00Z","temperature":20}               | missing field 'seq'
            missing ts          | {"v":1,"roomId":"r","seq":1,"temperature":20}                                   | missing field 'ts'
            missing temperature | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z"}                        | missing field 'temperature'
            NaN                 | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":NaN}      | non-finite number (NaN or Infinity)
            Infinity            | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":-Infinity} | non-finite number (NaN or Infinity)
            overflow            | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":1e999}    | non-finite number (NaN or Infinity)
            too hot             | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":5000}     | temperature 5000.0 outside the physical range [-50.0, 100.0] degC
            too cold            | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":-300}     | temperature -300.0 outside the physical range [-50.0, 100.0] degC
            bad ts text         | {"v":1,"roomId":"r","seq":1,"ts":"yesterday","temperature":20}                  | bad timestamp 'yesterday'
            ts not UTC          | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00+02:00","temperature":20}  | bad timestamp
            ts far future       | {"v":1,"roomId":"r","seq":1,"ts":"2099-01-01T00:00:00Z","temperature":20}       | is more than 7 days in the future
            ts ancient          | {"v":1,"roomId":"r","seq":1,"ts":"1970-01-01T00:00:00Z","temperature":20}       | is before 2000-01-01
            negative seq        | {"v":1,"roomId":"r","seq":-3,"ts":"2026-11-21T15:00:00Z","temperature":20}      | negative seq -3
            unknown version     | {"v":2,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":20}       | unknown schema version 2
            empty roomId        | {"v":1,"roomId":"","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":20}        | empty roomId
            colon in roomId     | {"v":1,"roomId":"a:b","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":20}     | has a character outside
            trailing garbage    | {"v":1,"roomId":"r","seq":1,"ts":"2026-11-21T15:00:00Z","temperature":20} xyz   | not JSON
            """)
    void invalidReadingIsRejectedWithAPreciseReason(String name, String json, String expected) {
        String reason = reason(json.strip());
        assertTrue(reason.contains(expected), name + ": '" + reason + "' should contain '" + expected + "'");
    }

    @Test
    void notJsonReasonSaysWhereWithoutGsonAdvice() {
        String reason = reason("{\"v\":1,\"roomId\":room-1}");
        assertTrue(reason.startsWith("not JSON: malformed JSON at line 1 column"), reason);
    }

    @Test
    void emptyValueIsRejected() {
        assertEquals("empty value", Codec.decodeReading(new byte[0], NOW).reason());
        assertEquals("empty value", Codec.decodeReading(null, NOW).reason());
    }

    @Test
    void oversizedValueIsRejectedBeforeParsing() {
        byte[] big = new byte[1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertEquals("oversized value: 1048576 bytes, limit 4096", Codec.decodeReading(big, NOW).reason());
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
        bytes[20] = (byte) 0xC3;   // a lead byte without its continuation
        bytes[21] = (byte) 0x28;
        assertEquals("invalid UTF-8", Codec.decodeReading(bytes, NOW).reason());
    }

    @Test
    void deadLetterRoundTripsAndTruncatesThePayload() {
        byte[] value = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetter.of("oversized value", "streaming-job", "readings", 3, 17L, "room-1".getBytes(), value, NOW);
        assertEquals(DeadLetter.MAX_PAYLOAD_CHARS, d.payload().length());
        assertEquals(5000, d.sizeBytes());
        assertEquals("readings:3:17", d.id());
        assertEquals(d, DeadLetter.fromJson(d.toJson()));
        assertNull(DeadLetter.of("r", "s", "t", 0, 0, null, null, NOW).key());
    }
}
