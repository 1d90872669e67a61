package io.sensorpipe.deploy;

import io.sensorpipe.common.Reading;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, fixed set of readings in arrival order that exercises every rule of the analytics: several rooms,
 * out-of-order event times, a duplicate, a gap and a too-late reading.
 */
final class TestReadings {
    private TestReadings() {
    }

    /** {@code rooms} rooms with {@code perRoom} readings each, 5 s apart, interleaved as a simulator would send them. */
    static List<Reading> arrivalOrder(int rooms, int perRoom) {
        long base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        List<Reading> out = new ArrayList<>();
        for (int i = 1; i <= perRoom; i++) {
            for (int r = 1; r <= rooms; r++) {
                String room = String.format("room-%03d", r);
                long ts = base + i * 5_000L;
                if (i % 10 == 3) {
                    ts -= 12_000;                        // out of order in event time, still accepted
                }
                if (i == perRoom / 2) {
                    ts = base + i * 5_000L - 400_000;     // more than L = 300 s behind: too late
                }
                if (r == 1 && i == 7) {
                    continue;                            // lost upstream: the next reading has gap 1
                }
                double temperature = Math.round((20 + r + 2 * Math.sin(i / 5.0 + r)) * 100) / 100.0;
                out.add(new Reading(room, i, ts, temperature));
                if (r == 2 && i == 11) {
                    out.add(new Reading(room, i, ts, temperature));   // a duplicate delivery
                }
            }
        }
        return out;
    }
}
