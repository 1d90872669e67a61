package io.sensorpipe.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {
    private final double[] sorted;

    /** Sorts a copy of the values. */
    public Percentiles(Collection<? extends Number> values) {
        this.sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    }

    /** Number of values. */
    public int count() {
        return sorted.length;
    }

    /** The p-th percentile (0 < p <= 100) by nearest rank; NaN for an empty sample. */
    public double p(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The median. */
    public double median() {
        return p(50);
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
