package io.sensorpipe.streaming.analytics;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;

import java.util.Arrays;

/**
 * One room's bounded state: its accepted readings in ascending seq order (primitive arrays, live between
 * {@code start} and {@code end}), each with the running maximum of event times up to it, plus maxTs.
 *
 * <p>The running maximum is non-decreasing, so a binary search finds where the window can begin and where stale
 * readings end: a reading whose running maximum is at or below a bound is itself at or below it. The window is
 * then summed in ascending seq order over only the readings that can be in it, and readings no future window can
 * reach (ts at or below maxTs - W - L) are dropped from the front; the last accepted reading is always kept.
 */
final class RoomState {
    private long[] seqs = new long[16];
    private long[] times = new long[16];
    private long[] runningMaxTs = new long[16];
    private double[] temperatures = new double[16];
    private int start;
    private int end;

    /**
     * Decides whether the reading is accepted; only then may {@link #accept} be called. A duplicate is compared with
     * the accepted reading of the same seq while the state still holds it: the held readings are every accepted
     * reading from the oldest held one on, so a seq inside that range that is not held was never accepted.
     */
    Judgement judge(Reading r, long latenessMillis) {
        if (end == start) {
            return Judgement.ACCEPTED;
        }
        if (r.seq() <= seqs[end - 1]) {
            int i = Arrays.binarySearch(seqs, start, end, r.seq());
            if (i >= 0) {
                boolean same = times[i] == r.tsMillis()
                        && Double.doubleToLongBits(temperatures[i]) == Double.doubleToLongBits(r.temperature());
                return same ? Judgement.DUPLICATE : Judgement.CONFLICTING_DUPLICATE;
            }
            return r.seq() > seqs[start] ? Judgement.OUT_OF_ORDER : Judgement.DUPLICATE;
        }
        return maxTs() - r.tsMillis() > latenessMillis ? Judgement.TOO_LATE : Judgement.ACCEPTED;
    }

    /** Adds an accepted reading and returns its derived record. */
    DerivedRecord accept(Reading r, AnalyticsSettings s) {
        boolean first = end == start;
        Double change = first ? null : r.temperature() - temperatures[end - 1];
        long gap = first ? 0 : r.seq() - seqs[end - 1] - 1;
        append(r);
        forgetUnreachable(maxTs() - s.windowMillis() - s.latenessMillis());
        long ts = r.tsMillis();
        long windowStart = ts - s.windowMillis();
        double sum = 0.0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (int i = firstAbove(windowStart); i < end; i++) {
            long t = times[i];
            if (t > windowStart && t <= ts) {
                double v = temperatures[i];
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                count++;
            }
        }
        return new DerivedRecord(r.roomId(), r.seq(), ts, r.temperature(), change, gap,
                sum / count, min, max, count, s.windowSeconds());
    }

    /** Adds a reading that was accepted before (restore), unless it is not above the highest seq held. */
    void restore(Reading r, AnalyticsSettings s) {
        if (end > start && r.seq() <= seqs[end - 1]) {
            return;
        }
        append(r);
        forgetUnreachable(maxTs() - s.windowMillis() - s.latenessMillis());
    }

    /**
     * This room's accepted readings together with another state's of the same room (the room's state on the partition
     * it moved from after {@code readings} grew): each reading is accepted on one partition only, so the union, in seq
     * order, is the room's whole accepted history as far as either state holds it; then bounded again by the joint maxTs.
     */
    RoomState union(RoomState other, AnalyticsSettings s) {
        RoomState u = new RoomState();
        int i = start;
        int j = other.start;
        while (i < end || j < other.end) {
            boolean mine = j >= other.end || (i < end && seqs[i] <= other.seqs[j]);
            int k = mine ? i++ : j++;
            RoomState from = mine ? this : other;
            if (u.end > u.start && from.seqs[k] <= u.seqs[u.end - 1]) {
                continue;   // the same seq in both: one accepted reading
            }
            u.append(new Reading("r", from.seqs[k], from.times[k], from.temperatures[k]));
        }
        u.forgetUnreachable(u.maxTs() - s.windowMillis() - s.latenessMillis());
        return u;
    }

    /** Drops front readings whose running maximum (hence ts) is at or below the bound; keeps the last. */
    private void forgetUnreachable(long atOrBelow) {
        start = Math.min(firstAbove(atOrBelow), end - 1);
    }

    /** The first live index whose running maximum is above {@code bound} ({@code end} if none). */
    private int firstAbove(long bound) {
        int lo = start;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runningMaxTs[mid] <= bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void append(Reading r) {
        if (end == seqs.length) {
            makeRoom();
        }
        long previousMax = end == start ? Long.MIN_VALUE : runningMaxTs[end - 1];
        seqs[end] = r.seq();
        times[end] = r.tsMillis();
        runningMaxTs[end] = Math.max(previousMax, r.tsMillis());
        temperatures[end] = r.temperature();
        end++;
    }

    /** Shifts the live readings to the front, growing the arrays when they are more than half full. */
    private void makeRoom() {
        int size = end - start;
        int capacity = size * 2 > seqs.length ? seqs.length * 2 : seqs.length;
        seqs = shift(seqs, capacity);
        times = shift(times, capacity);
        runningMaxTs = shift(runningMaxTs, capacity);
        double[] t = new double[capacity];
        System.arraycopy(temperatures, start, t, 0, size);
        temperatures = t;
        end = size;
        start = 0;
    }

    private long[] shift(long[] a, int capacity) {
        long[] b = capacity == a.length ? a : Arrays.copyOf(a, capacity);
        System.arraycopy(a, start, b, 0, end - start);
        return b;
    }

    /** Writes the live readings: count, then seq and ts as deltas (varints), temperatures as raw bits. */
    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(end - start);
        long prevSeq = 0;
        long prevTs = 0;
        for (int i = start; i < end; i++) {
            Varints.write(out, seqs[i] - prevSeq);
            Varints.write(out, Varints.zigzag(times[i] - prevTs));
            out.writeLong(Double.doubleToRawLongBits(temperatures[i]));
            prevSeq = seqs[i];
            prevTs = times[i];
        }
    }

    /** Reads what {@link #writeTo} wrote; the running maxima are computed again. */
    static RoomState readFrom(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        if (n < 1 || n > 50_000_000) {
            throw new java.io.IOException("room with " + n + " readings");
        }
        RoomState room = new RoomState();
        long seq = 0;
        long ts = 0;
        for (int i = 0; i < n; i++) {
            seq += Varints.read(in);
            ts += Varints.unzigzag(Varints.read(in));
            double t = Double.longBitsToDouble(in.readLong());
            if (i > 0 && seq <= room.seqs[room.end - 1]) {
                throw new java.io.IOException("seqs not ascending");
            }
            room.append(new Reading("r", seq, ts, t));
        }
        return room;
    }

    /** Heap of this room's state: the object and its four arrays of {@code capacity} elements. */
    long estimatedBytes() {
        return 40 + 4 * (16 + 8L * seqs.length);
    }

    /** Number of readings held. */
    int size() {
        return end - start;
    }

    /** Largest accepted event time. */
    long maxTs() {
        return end == start ? Long.MIN_VALUE : runningMaxTs[end - 1];
    }
}
