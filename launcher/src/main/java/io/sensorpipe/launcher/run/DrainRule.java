package io.sensorpipe.launcher.run;

import java.time.Duration;

/** When the pipeline counts as drained: nothing left to consume and nothing moving. */
public final class DrainRule {
    private DrainRule() {
    }

    /**
     * True when both sinks have lag 0, the job's lag is 0 or unknown, and the counts have not changed for
     * {@code required}.
     */
    public static boolean drained(Status s, Duration unchangedFor, Duration required) {
        boolean jobDone = s.jobLag() <= 0;
        return s.sinksCaughtUp() && jobDone && unchangedFor.compareTo(required) >= 0;
    }
}
