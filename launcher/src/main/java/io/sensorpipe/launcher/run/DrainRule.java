package io.sensorpipe.launcher.run;

import java.time.Duration;

/** When the pipeline counts as drained: nothing left to consume and nothing moving. */
public final class DrainRule {
    private DrainRule() {
    }

    /**
     * True when the job and the sinks (raw, derived, late) have lag 0 and the counts have not changed for {@code required}. A group
     * that has committed nothing (lag -1) only counts as caught up when its topic is empty.
     */
    public static boolean drained(Status s, Duration unchangedFor, Duration required) {
        return caughtUp(s.jobLag(), s.produced()) && caughtUp(s.rawLag(), s.produced())
                && caughtUp(s.derivedLag(), s.processed()) && caughtUp(s.lateLag(), s.lateOnTopic())
                && unchangedFor.compareTo(required) >= 0;
    }

    private static boolean caughtUp(long lag, long recordsOnTopic) {
        return lag == 0 || (lag < 0 && recordsOnTopic == 0);
    }
}
