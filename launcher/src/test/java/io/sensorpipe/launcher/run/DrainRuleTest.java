package io.sensorpipe.launcher.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrainRuleTest {
    private static final Duration REQUIRED = Duration.ofSeconds(3);

    private static Status lags(long job, long raw, long derived) {
        return new Status(10, 10, 0, 10, 10, 0, job, raw, derived, -1);
    }

    @Test
    void drainedWhenNoLagAndCountsStill() {
        assertTrue(DrainRule.drained(lags(0, 0, 0), Duration.ofSeconds(3), REQUIRED));
    }

    @Test
    void groupThatCommittedNothingBlocksTheDrainUnlessItsTopicIsEmpty() {
        assertFalse(DrainRule.drained(lags(-1, 0, 0), Duration.ofSeconds(4), REQUIRED));
        Status nothingDerived = new Status(10, 0, 0, 10, 0, 0, 0, 0, -1, -1);
        assertTrue(DrainRule.drained(nothingDerived, Duration.ofSeconds(4), REQUIRED));
    }

    @Test
    void notDrainedWhileASinkLagsOrHasNotCommitted() {
        assertFalse(DrainRule.drained(lags(0, 5, 0), Duration.ofSeconds(10), REQUIRED));
        assertFalse(DrainRule.drained(lags(0, 0, -1), Duration.ofSeconds(10), REQUIRED));
    }

    @Test
    void notDrainedWhileTheLateSinkLagsOrHasNotCommittedWhatIsOnItsTopic() {
        assertFalse(DrainRule.drained(new Status(10, 10, 0, 10, 10, 0, 0, 0, 0, -1, 3, 2), Duration.ofSeconds(10),
                REQUIRED));
        assertFalse(DrainRule.drained(new Status(10, 10, 0, 10, 10, 0, 0, 0, 0, -1, 3, -1), Duration.ofSeconds(10),
                REQUIRED));
        assertTrue(DrainRule.drained(new Status(10, 10, 0, 10, 10, 0, 0, 0, 0, -1, 3, 0), Duration.ofSeconds(10),
                REQUIRED));
    }

    @Test
    void notDrainedWhileCountsStillMove() {
        assertFalse(DrainRule.drained(lags(0, 0, 0), Duration.ofSeconds(1), REQUIRED));
    }

    @Test
    void sameCountsIgnoresLagAndBatchTime() {
        assertTrue(lags(0, 0, 0).sameCounts(lags(4, 2, 1).withBatchMillis(99)));
        assertFalse(lags(0, 0, 0).sameCounts(new Status(11, 10, 0, 10, 10, 0, 0, 0, 0, -1)));
    }
}
