package io.sensorpipe.launcher.run;

import java.time.Duration;
import java.util.Locale;

/** Formats the one status line printed every few seconds while the pipeline runs. */
public final class StatusLine {
    private StatusLine() {
    }

    /**
     * The line for {@code now}, with rates computed against {@code previous} taken {@code interval} earlier.
     * Example: {@code [ 10s] produced 2,000 (200/s) | processed 1,950 | stored raw 1,990 derived 1,900 | dead 0 |
     * lag job 50 raw 10 derived 50 | batch 85 ms}
     */
    public static String format(Duration elapsed, Status now, Status previous, Duration interval) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(String.format(Locale.ROOT, "[%4ds] ", elapsed.toSeconds()));
        sb.append("produced ").append(count(now.produced()));
        if (previous != null && !interval.isZero()) {
            sb.append(" (").append(rate(now.produced() - previous.produced(), interval)).append("/s)");
        }
        sb.append(" | processed ").append(count(now.processed()));
        sb.append(" | stored raw ").append(count(now.storedRaw()))
                .append(" derived ").append(count(now.storedDerived()));
        sb.append(" | dead ").append(count(now.deadLetters()));
        sb.append(" | lag job ").append(known(now.jobLag()))
                .append(" raw ").append(known(now.rawLag()))
                .append(" derived ").append(known(now.derivedLag()));
        sb.append(" | batch ").append(now.batchMillis() < 0 ? "n/a" : now.batchMillis() + " ms");
        return sb.toString();
    }

    /** A count with thousands separators: {@code 12,345}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String known(long n) {
        return n < 0 ? "n/a" : count(n);
    }

    private static String rate(long delta, Duration interval) {
        return count(Math.round(delta * 1000.0 / Math.max(1, interval.toMillis())));
    }
}
