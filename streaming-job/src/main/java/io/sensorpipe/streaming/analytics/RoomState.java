package io.sensorpipe.streaming.analytics;

import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RoomAnalytics;

import java.util.Arrays;

/**
 * One room's bounded state: its accepted readings with ts above maxTs - W - L (in ascending seq order, held in
 * primitive arrays) plus the last accepted reading, and the running maxTs.
 */
final class RoomState {
    private long[] seqs = new long[8];
    private long[] times = new long[8];
    private double[] temperatures = new double[8];
    private int size;
    private long maxTs = Long.MIN_VALUE;

    /** What happened to one reading. */
    enum Verdict { ACCEPTED, DUPLICATE, TOO_LATE }

    /** Decides whether the reading is accepted; only then may {@link #accept} be called. */
    Verdict judge(Reading r, long latenessMillis) {
        if (size == 0) {
            return Verdict.ACCEPTED;
        }
        if (r.seq() <= seqs[size - 1]) {
            return Verdict.DUPLICATE;
        }
        return maxTs - r.tsMillis() > latenessMillis ? Verdict.TOO_LATE : Verdict.ACCEPTED;
    }

    /**
     * Adds an accepted reading and returns its derived record. One pass over the retained readings both drops
     * those no future window can reach (ts at or below maxTs - W - L) and sums the window in ascending seq order.
     */
    RoomAnalytics accept(Reading r, AnalyticsSettings s) {
        Double change = size == 0 ? null : r.temperature() - temperatures[size - 1];
        long gap = size == 0 ? 0 : r.seq() - seqs[size - 1] - 1;
        append(r);
        maxTs = Math.max(maxTs, r.tsMillis());
        long forgetAtOrBelow = maxTs - s.windowMillis() - s.latenessMillis();
        long windowStart = r.tsMillis() - s.windowMillis();
        double sum = 0.0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int count = 0;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long ts = times[i];
            if (ts <= forgetAtOrBelow && i < size - 1) {
                continue;
            }
            double t = temperatures[i];
            if (ts > windowStart && ts <= r.tsMillis()) {
                sum += t;
                min = Math.min(min, t);
                max = Math.max(max, t);
                count++;
            }
            seqs[kept] = seqs[i];
            times[kept] = ts;
            temperatures[kept] = t;
            kept++;
        }
        size = kept;
        return new RoomAnalytics(r.roomId(), r.seq(), r.tsMillis(), r.temperature(), change, gap,
                sum / count, min, max, count, s.windowSeconds());
    }

    private void append(Reading r) {
        if (size == seqs.length) {
            int n = size * 2;
            seqs = Arrays.copyOf(seqs, n);
            times = Arrays.copyOf(times, n);
            temperatures = Arrays.copyOf(temperatures, n);
        }
        seqs[size] = r.seq();
        times[size] = r.tsMillis();
        temperatures[size] = r.temperature();
        size++;
    }

    /** Number of readings held. */
    int size() {
        return size;
    }

    /** Largest accepted event time. */
    long maxTs() {
        return maxTs;
    }
}
