package io.sensorpipe.streaming.analytics;

import java.io.Serializable;
import java.time.Duration;

/**
 * The two parameters of the analytics: the rolling window W and the allowed lateness L.
 *
 * @param windowMillis   W in milliseconds (whole seconds, since records carry windowSeconds)
 * @param latenessMillis L in milliseconds
 */
public record AnalyticsSettings(long windowMillis, long latenessMillis) implements Serializable {
    /** W = 60 s, L = 300 s. */
    public static final AnalyticsSettings DEFAULTS = of(Duration.ofSeconds(60), Duration.ofSeconds(300));

    /** Settings from durations. */
    public static AnalyticsSettings of(Duration window, Duration lateness) {
        return new AnalyticsSettings(window.toMillis(), lateness.toMillis());
    }

    /** W in whole seconds, as written in each derived record. */
    public int windowSeconds() {
        return (int) (windowMillis / 1000);
    }
}
