package io.sensorpipe.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the benchmark table: what ran, the headline figure, and any further figures by name.
 *
 * @param stage   the pipeline stage, e.g. "simulator"
 * @param variant what ran, e.g. "bin/pipeline simulate --rate max"
 * @param value   the headline figure
 * @param unit    its unit, e.g. "readings/s"
 * @param extra   further named figures (p50, p99, cpu seconds, peak MiB, ...)
 */
public record BenchRow(String stage, String variant, double value, String unit, Map<String, Double> extra) {
    /** A row with no further figures yet. */
    public static BenchRow of(String stage, String variant, double value, String unit) {
        return new BenchRow(stage, variant, value, unit, new LinkedHashMap<>());
    }

    /** Adds a named figure and returns this row. */
    public BenchRow with(String name, double figure) {
        extra.put(name, figure);
        return this;
    }

    /** Adds a process's CPU seconds and peak memory. */
    public BenchRow with(ProcStats stats) {
        return with("cpu_s", stats.cpuSeconds()).with("peak_mib", stats.peakRssMb());
    }
}
