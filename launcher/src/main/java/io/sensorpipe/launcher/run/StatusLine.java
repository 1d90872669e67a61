package io.sensorpipe.launcher.run;

import java.time.Duration;
import java.util.Locale;

/** Formats the one-line progress report that {@code bin/pipeline run} prints every few seconds. */
public final class StatusLine {
    private StatusLine() {
    }

    /**
     * The line for {@code now}, with the produce rate computed against {@code previous} taken {@code interval}
     * earlier; {@code batchMillis}: the last batch's processing time (-1: not known), {@code inputPartitions}: the
     * partitions of {@code readings} (for the restore progress). Example: {@code [ 10s] produced 2,000 (200/s) | job
     * in 1,950 derived 1,900 dup 12 late 3 | stored raw 1,990 derived 1,900 late 3 | dead 2 | lag job 50 raw 10
     * derived 50 | batch 85 ms}, and {@code | restoring 2/6 partitions} while the job restores state.
     */
    public static String format(Duration elapsed, RunCounters now, RunCounters previous, Duration interval,
                                long batchMillis, int inputPartitions) {
        StringBuilder sb = new StringBuilder(200);
        sb.append(String.format(Locale.ROOT, "[%4ds] ", elapsed.toSeconds()));
        sb.append("produced ").append(known(now.produced()));
        if (previous != null && previous.produced() >= 0 && now.produced() >= 0 && !interval.isZero()) {
            sb.append(" (").append(rate(now.produced() - previous.produced(), interval)).append("/s)");
        }
        sb.append(" | job in ").append(known(now.jobIn()))
                .append(" derived ").append(known(now.jobDerived()))
                .append(" dup ").append(known(now.jobDuplicates()))
                .append(" late ").append(known(now.jobLate()));
        sb.append(" | stored raw ").append(known(now.storedRaw()))
                .append(" derived ").append(known(now.storedDerived()))
                .append(" late ").append(known(now.storedLate()));
        sb.append(" | dead ").append(known(now.deadLetters()));
        sb.append(" | lag job ").append(known(now.jobLag()))
                .append(" raw ").append(known(now.rawLag()))
                .append(" derived ").append(known(now.derivedLag()));
        sb.append(" | batch ").append(batchMillis < 0 ? "n/a" : batchMillis + " ms");
        if (now.restoring() > 0) {
            sb.append(" | restoring ").append(now.restoring()).append('/')
                    .append(Math.max(inputPartitions, now.restoring())).append(" partitions");
        }
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
