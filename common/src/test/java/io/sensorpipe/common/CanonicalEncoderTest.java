package io.sensorpipe.common;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CanonicalEncoderTest {
    private static final long TS = Timestamps.parseIso("2026-11-21T15:04:05.123Z");
    private static final double[] DOUBLES = {-0.0, 0.0, 21.375, 1e-9, -50.0, 100.0, 100.01, -50.01, 0.1 + 0.2, 1e-4,
        -0.13000000000000256, 21.37, Double.MIN_VALUE, -Double.MAX_VALUE, 12345678.9, 1e7, 0.001};
    private static final long[] TIMES = {0, TS, Timestamps.parseIso("2000-01-01T00:00:00Z") - 1,
        Timestamps.parseIso("9999-12-31T23:59:59.999Z"), Timestamps.parseIso("9999-12-31T23:59:59.999Z") + 1, -1,
        Timestamps.parseIso("2026-12-31T23:59:59.999Z"), Timestamps.parseIso("2028-02-29T12:00:00Z")};
    private static final long[] SEQS = {0, 1, 9, 10, 99, 100, Long.MAX_VALUE, -1, Long.MIN_VALUE};

    private final CanonicalEncoder encoder = new CanonicalEncoder();

    private void assertSameAsText(Reading r) {
        assertArrayEquals(Codec.encodeText(r), encoder.encode(r), () -> "differs from the text encoder for " + r);
    }

    private void assertSameAsText(DerivedRecord a) {
        assertArrayEquals(Codec.encodeText(a), encoder.encode(a), () -> "differs from the text encoder for " + a);
    }

    @Test
    void everyTwoDecimalTemperatureInRangeMatchesTheTextEncoder() {
        for (int c = -5000; c <= 10000; c++) {
            assertSameAsText(new Reading("room-001", c + 6000, TS + c * 997L, c / 100.0));
        }
    }

    @Test
    void edgeValuesMatchTheTextEncoder() {
        for (double t : DOUBLES) {
            for (long ts : TIMES) {
                for (long seq : SEQS) {
                    assertSameAsText(new Reading("room-007", seq, ts, t));
                    assertSameAsText(new DerivedRecord("room-007", seq, ts, t, seq % 2 == 0 ? null : t, seq, t, t,
                            t, (int) seq, (int) (seq >>> 3)));
                }
            }
        }
    }

    @Test
    void roomIdsOutsideTheFastPathMatchTheTextEncoder() {
        String[] ids = {"", "r", "a".repeat(64), "a".repeat(65), "zimmer-ä", "room \"1\"", "日本"};
        for (String id : ids) {
            assertSameAsText(new Reading(id, 5, TS, 21.5));
            assertSameAsText(new DerivedRecord(id, 5, TS, 21.5, 0.25, 0, 21.4, 21.3, 21.5, 3, 60));
        }
    }

    @Test
    void randomDerivedRecordsMatchTheTextEncoder() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 300_000; i++) {
            double t = Math.round(rnd.nextDouble(-60, 110) * 100) / 100.0;
            double prev = Math.round(rnd.nextDouble(-60, 110) * 100) / 100.0;
            int count = 1 + rnd.nextInt(600);
            double avg = rnd.nextBoolean() ? (t * count + prev) / (count + 1) : t;
            long ts = rnd.nextLong(Timestamps.parseIso("1990-01-01T00:00:00Z"), Timestamps.parseIso("2100-01-01T00:00:00Z"));
            assertSameAsText(new DerivedRecord("room-" + rnd.nextInt(1000), rnd.nextLong(Long.MAX_VALUE), ts, t,
                    rnd.nextInt(10) == 0 ? null : t - prev, rnd.nextInt(5), avg, Math.min(t, prev), Math.max(t, prev),
                    count, 60));
            assertSameAsText(new Reading("room-" + rnd.nextInt(1000), rnd.nextLong(1 << 20), ts,
                    rnd.nextInt(20) == 0 ? rnd.nextDouble(-60, 110) : t));
        }
    }
}
