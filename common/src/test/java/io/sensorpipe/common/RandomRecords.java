package io.sensorpipe.common;

import java.util.Random;

/**
 * Seeded random records for the codec's tests and benchmark: typical ones as the simulator and the streaming job
 * write them, and edge ones (valid or not) that probe every field's limits.
 */
final class RandomRecords {
    /** The wall clock the tests decode with. */
    static final long NOW = Timestamps.parseIso("2026-11-21T16:00:00.000Z");
    private static final long DAY = 86_400_000L;
    private static final long YEAR_0000 = Timestamps.parseIso("0000-01-01T00:00:00Z");
    private static final long YEAR_9999_END = Timestamps.parseIso("9999-12-31T23:59:59.999Z");
    private static final String ROOM_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

    private final Random rnd;

    RandomRecords(long seed) {
        rnd = new Random(seed);
    }

    /** The underlying generator, for callers that draw more choices. */
    Random random() {
        return rnd;
    }

    /** A valid reading like the simulator's: room-NNN, a recent time, a two-decimal temperature. */
    Reading typicalReading() {
        return new Reading(String.format("room-%03d", rnd.nextInt(1000)), rnd.nextInt(10_000_000),
                NOW - (long) (rnd.nextDouble() * 30 * DAY), centi(15, 30));
    }

    /** A valid derived record like the streaming job's: the change and average carry binary rounding noise. */
    DerivedRecord typicalAnalytics() {
        Reading r = typicalReading();
        double previous = centi(15, 30);
        int count = 1 + rnd.nextInt(60);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += centi(15, 30);
        }
        Double change = rnd.nextInt(10) == 0 ? null : r.temperature() - previous;
        return new DerivedRecord(r.roomId(), r.seq(), r.tsMillis(), r.temperature(), change, rnd.nextInt(3),
                sum / count, Math.min(previous, r.temperature()), Math.max(previous, r.temperature()), count, 60);
    }

    /** A reading with edge values in every field, often invalid (and sometimes not even encodable as JSON). */
    Reading edgeReading() {
        return new Reading(edgeRoomId(), edgeLong(), edgeTs(), edgeTemperature());
    }

    /** A derived record with edge values in every field, often invalid. */
    DerivedRecord edgeAnalytics() {
        return new DerivedRecord(edgeRoomId(), edgeLong(), edgeTs(), edgeTemperature(),
                rnd.nextInt(3) == 0 ? null : edgeDouble(), edgeLong(), edgeDouble(), edgeDouble(), edgeDouble(),
                edgeInt(), edgeInt());
    }

    /** A two-decimal temperature in [lo, hi). */
    double centi(int lo, int hi) {
        return (lo * 100 + rnd.nextInt((hi - lo) * 100)) / 100.0;
    }

    private String edgeRoomId() {
        return switch (rnd.nextInt(8)) {
            case 0 -> randomRoomId(1 + rnd.nextInt(Codec.MAX_ROOM_ID_LENGTH));
            case 1 -> randomRoomId(Codec.MAX_ROOM_ID_LENGTH + rnd.nextInt(2));   // at and past the limit
            case 2 -> "";
            case 3 -> "room " + rnd.nextInt(10) + (rnd.nextBoolean() ? ":é" : "\"\\/");
            default -> String.format("room-%03d", rnd.nextInt(1000));
        };
    }

    private String randomRoomId(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ROOM_ID_CHARS.charAt(rnd.nextInt(ROOM_ID_CHARS.length())));
        }
        return sb.toString();
    }

    private long edgeLong() {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE - rnd.nextInt(3);                       // 19 digits
            case 2 -> 999_999_999_999_999_999L + rnd.nextInt(3) - 1;          // 18 and 19 digits
            case 3 -> -1 - rnd.nextInt(1000);
            case 4 -> Long.MIN_VALUE + 1 + rnd.nextInt(3);
            case 5 -> rnd.nextLong();
            default -> rnd.nextInt(1_000_000);
        };
    }

    private int edgeInt() {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> -rnd.nextInt(100);
            case 3 -> rnd.nextInt();
            default -> 1 + rnd.nextInt(3600);
        };
    }

    /** A time near one of the limits: 2000-01-01, now plus 7 days, a leap day, a year boundary, or far out. */
    long edgeTs() {
        long jitter = rnd.nextInt(5) - 2;
        return switch (rnd.nextInt(9)) {
            case 0 -> Codec.MIN_TS_MILLIS + jitter;
            case 1 -> NOW + Codec.MAX_FUTURE_MILLIS + jitter;
            case 2 -> leapDay(1996 + 4 * rnd.nextInt(10)) + jitter * DAY / 2 + rnd.nextInt(1000);
            case 3 -> Timestamps.parseIso((1999 + rnd.nextInt(30)) + "-01-01T00:00:00Z") + jitter;
            case 4 -> YEAR_0000 + (long) (rnd.nextDouble() * (YEAR_9999_END - YEAR_0000));
            case 5 -> (rnd.nextBoolean() ? YEAR_0000 : YEAR_9999_END) + jitter;  // 4-digit years end here
            case 6 -> Timestamps.parseIso((rnd.nextBoolean() ? "1900" : "2100") + "-02-28T23:59:59.999Z") + jitter;
            default -> Codec.MIN_TS_MILLIS + (long) (rnd.nextDouble() * (NOW + 30 * DAY - Codec.MIN_TS_MILLIS));
        };
    }

    private static long leapDay(int year) {
        return Timestamps.parseIso(year + "-02-29T00:00:00Z");
    }

    private double edgeTemperature() {
        return switch (rnd.nextInt(6)) {
            case 0 -> Codec.MIN_TEMPERATURE + (rnd.nextInt(3) - 1) * Math.ulp(Codec.MIN_TEMPERATURE);
            case 1 -> Codec.MAX_TEMPERATURE + (rnd.nextInt(3) - 1) * Math.ulp(Codec.MAX_TEMPERATURE);
            case 2 -> -60 + rnd.nextDouble() * 170;
            default -> edgeDouble();
        };
    }

    /** A double of every kind Double.toString writes: -0.0, tiny and huge with exponents, 17 digits, two decimals. */
    double edgeDouble() {
        double sign = rnd.nextBoolean() ? 1 : -1;
        return switch (rnd.nextInt(10)) {
            case 0 -> sign * 0.0;
            case 1 -> sign * rnd.nextDouble() * Math.pow(10, -rnd.nextInt(330));     // subnormals too
            case 2 -> sign * rnd.nextDouble() * Math.pow(10, rnd.nextInt(309));
            case 3 -> Double.longBitsToDouble(rnd.nextLong());                        // may be NaN or infinite
            case 4 -> sign * (rnd.nextInt(2000) / 1000.0) * Math.pow(10, rnd.nextInt(50) - 25);
            case 5 -> sign * (double) rnd.nextInt(1000);
            case 6 -> centi(-50, 100) - centi(-50, 100);
            default -> sign * rnd.nextDouble() * 100;
        };
    }
}
