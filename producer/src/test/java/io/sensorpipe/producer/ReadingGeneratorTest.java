package io.sensorpipe.producer;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadingGeneratorTest {
    private static final long START = 1_795_000_000_000L;   // 2026-11-18
    private static final FaultRates SOME_FAULTS = new FaultRates(0.05, 0.04, 0.03, 0.02);

    private static ReadingGenerator generator(long seed, FaultRates rates) {
        return new ReadingGenerator(20, seed, START, 1000, rates, Map.of());
    }

    private static List<Emission> take(ReadingGenerator g, int readings) {
        List<Emission> out = new ArrayList<>();
        while (g.readings() < readings || g.hasPending()) {
            out.add(g.next());
        }
        return out;
    }

    @Test
    void sameSeedAndStartGiveTheSameRecordsByteForByte() {
        List<Emission> a = take(generator(7, SOME_FAULTS), 20_000);
        List<Emission> b = take(generator(7, SOME_FAULTS), 20_000);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).key(), b.get(i).key(), "key " + i);
            assertArrayEquals(a.get(i).value(), b.get(i).value(), "value " + i);
        }
    }

    @Test
    void differentSeedsGiveDifferentTemperatures() {
        List<Emission> a = take(generator(1, FaultRates.NONE), 100);
        List<Emission> b = take(generator(2, FaultRates.NONE), 100);
        long same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += Arrays.equals(a.get(i).value(), b.get(i).value()) ? 1 : 0;
        }
        assertTrue(same < 5, "identical records: " + same);
    }

    @Test
    void roomsTakeTurnsWithContiguousSeqsAndIntervalSpacedEventTimes() {
        List<Emission> out = take(generator(3, FaultRates.NONE), 100);
        assertEquals(100, out.size());
        for (int i = 0; i < out.size(); i++) {
            Reading r = out.get(i).reading();
            assertEquals(SimulatedRoom.roomId(i % 20), r.roomId());
            assertEquals(i / 20 + 1, r.seq());
            assertEquals(START + (i % 20) * 1000L / 20 + (i / 20) * 1000L, r.tsMillis());
            assertEquals(r.roomId(), new String(out.get(i).key()));
            assertArrayEquals(Codec.encode(r), out.get(i).value());
        }
        assertEquals("room-001", SimulatedRoom.roomId(0));
        assertEquals("room-020", SimulatedRoom.roomId(19));
        assertEquals("room-1000", SimulatedRoom.roomId(999));
    }

    @Test
    void temperaturesStayInPhysicalRangeWithTwoDecimals() {
        ReadingGenerator g = generator(11, FaultRates.NONE);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < 200_000; i++) {
            double t = g.next().reading().temperature();
            assertTrue(t >= Codec.MIN_TEMPERATURE && t <= Codec.MAX_TEMPERATURE, "out of range: " + t);
            assertEquals(t, Math.round(t * 100) / 100.0, "more than 2 decimals: " + t);
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        assertTrue(min > 0 && max < 40, "not believable for a room: " + min + " .. " + max);
    }

    @Test
    void everyFreshReadingDecodesAndEveryMalformedRecordIsRejected() {
        long now = START;
        int malformed = 0;
        for (Emission e : take(generator(5, new FaultRates(0, 0, 0, 0.3)), 10_000)) {
            boolean ok = Codec.decodeReading(e.value(), now).isOk();
            assertEquals(e.kind() != Emission.Kind.MALFORMED, ok, e.kind() + " " + new String(e.value()));
            malformed += e.kind() == Emission.Kind.MALFORMED ? 1 : 0;
        }
        assertTrue(malformed > 2_000);
    }

    @Test
    void malformedRotationCoversDistinctRejectionReasons() {
        MalformedPayloads payloads = new MalformedPayloads();
        Reading r = new Reading("room-001", 5, START, 21.5);
        java.util.Set<String> reasons = new java.util.HashSet<>();
        for (int i = 0; i < MalformedPayloads.kinds(); i++) {
            var d = Codec.decodeReading(payloads.next(r), START);
            assertFalse(d.isOk());
            reasons.add(d.reason().replaceAll("[0-9.]+", "#").split(":")[0]);
        }
        assertTrue(reasons.size() >= 8, "reasons: " + reasons);
    }

    @Test
    void faultRatesAreWithinToleranceOver100kReadings() {
        ReadingGenerator g = generator(99, SOME_FAULTS);
        take(g, 100_000);
        FaultCounts f = g.faults();
        assertWithin(0.05, f.duplicates());
        assertWithin(0.04, f.outOfOrder());
        assertWithin(0.03, f.gaps());
        assertWithin(0.02, f.malformed());
        assertTrue(f.skippedSeqs() >= f.gaps() && f.skippedSeqs() <= 3 * f.gaps());
    }

    /** Binomial count over 100k draws within 5 standard deviations of the expected value. */
    private static void assertWithin(double p, long observed) {
        double n = 100_000;
        double sigma = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(observed - n * p) < 5 * sigma, "p=" + p + " observed " + observed);
    }

    @Test
    void reportedFaultsMatchTheEmittedRecords() {
        ReadingGenerator g = generator(17, SOME_FAULTS);
        List<Emission> out = take(g, 50_000);
        Map<String, Long> lastSeq = new HashMap<>();
        long dups = 0;
        long bad = 0;
        long skipped = 0;
        long late = 0;
        for (Emission e : out) {
            switch (e.kind()) {
                case DUPLICATE -> dups++;
                case MALFORMED -> bad++;
                case READING -> {
                    Reading r = e.reading();
                    long prev = lastSeq.getOrDefault(r.roomId(), 0L);
                    skipped += r.seq() - prev - 1;
                    int room = Integer.parseInt(r.roomId().substring(5)) - 1;
                    long nominal = START + room * 1000L / 20 + (r.seq() - 1) * 1000;   // gaps advance the clock too
                    late += r.tsMillis() < nominal ? 1 : 0;
                    lastSeq.put(r.roomId(), r.seq());
                }
            }
        }
        FaultCounts f = g.faults();
        assertEquals(f.duplicates(), dups);
        assertEquals(f.malformed(), bad);
        assertEquals(f.skippedSeqs(), skipped);
        assertEquals(f.outOfOrder(), late);
    }

    @Test
    void duplicateResendsARecentReadingOfTheSameRoomRightAfterAFreshOne() {
        List<Emission> out = take(generator(23, new FaultRates(0.5, 0, 0, 0)), 5_000);
        for (int i = 0; i < out.size(); i++) {
            Emission e = out.get(i);
            if (e.kind() == Emission.Kind.DUPLICATE) {
                Emission before = out.get(i - 1);
                assertEquals(Emission.Kind.READING, before.kind());
                assertEquals(before.reading().roomId(), e.reading().roomId());
                long back = before.reading().seq() - e.reading().seq();
                assertTrue(back >= 0 && back < SimulatedRoom.DUPLICATE_LOOKBACK, "seq back by " + back);
                assertArrayEquals(Codec.encode(e.reading()), e.value());
            }
        }
    }

    @Test
    void resumedRoomContinuesAfterItsTailAndNewRoomsStartAtOne() {
        long lastTs = START + 3_600_000;
        ReadingGenerator g = new ReadingGenerator(3, 1, START, 1000, FaultRates.NONE,
                Map.of("room-002", new RoomTail(500, lastTs)));
        List<Emission> out = take(g, 3);
        assertEquals(1, out.get(0).reading().seq());
        assertEquals(START, out.get(0).reading().tsMillis());
        assertEquals(501, out.get(1).reading().seq());
        assertEquals(lastTs + 1000, out.get(1).reading().tsMillis());
        assertNotNull(out.get(2).reading());
        assertEquals(Map.of("room-001", 2L, "room-002", 502L, "room-003", 2L), g.nextSeqs());
    }
}
