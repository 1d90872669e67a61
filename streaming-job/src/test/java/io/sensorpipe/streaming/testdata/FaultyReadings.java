package io.sensorpipe.streaming.testdata;

import io.sensorpipe.common.Reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of readings for many rooms with the faults the job must handle: duplicates (re-sent
 * readings), gaps (lost readings), out-of-order event times and readings later than the allowed lateness.
 */
public final class FaultyReadings {
    /** 2026-09-21T18:13:20Z, a fixed start in the past (the codec rejects times over 7 days ahead). */
    public static final long START_MILLIS = 1_790_000_000_000L;

    private FaultyReadings() {
    }

    /** {@code count} readings over {@code rooms} rooms, interleaved, in the order they would arrive. */
    public static List<Reading> generate(long seed, int rooms, int count) {
        Random random = new Random(seed);
        long[] nextSeq = new long[rooms];
        long[] clock = new long[rooms];
        double[] temperature = new double[rooms];
        for (int i = 0; i < rooms; i++) {
            nextSeq[i] = 1 + random.nextInt(3);
            clock[i] = START_MILLIS + random.nextInt(10_000);
            temperature[i] = 18 + random.nextInt(60) / 10.0;
        }
        List<Reading> out = new ArrayList<>(count);
        while (out.size() < count) {
            int room = random.nextInt(rooms);
            String roomId = String.format("room-%03d", room);
            double p = random.nextDouble();
            if (p < 0.03 && !out.isEmpty()) {
                out.add(out.get(random.nextInt(out.size())));             // a duplicate, re-sent later
                continue;
            }
            if (p < 0.06) {
                nextSeq[room] += 1 + random.nextInt(3);                       // a gap: readings lost upstream
            }
            clock[room] += 200 + random.nextInt(1800);
            long ts = clock[room];
            if (p > 0.985) {
                ts -= 400_000 + random.nextInt(100_000);                      // later than the 300 s lateness
            } else if (p > 0.90) {
                ts -= random.nextInt(30_000);                                 // out of order, within lateness
            }
            temperature[room] = Math.round((temperature[room] + random.nextGaussian() * 0.2) * 100) / 100.0;
            out.add(new Reading(roomId, nextSeq[room]++, ts, temperature[room]));
        }
        return out;
    }
}
