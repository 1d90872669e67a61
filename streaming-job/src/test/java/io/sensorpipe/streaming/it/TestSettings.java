package io.sensorpipe.streaming.it;

import io.sensorpipe.streaming.JobSettings;
import io.sensorpipe.streaming.StreamingJob;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;

import java.time.Duration;
import java.util.Map;

/** Job settings for the integration tests. */
final class TestSettings {
    /** W 60 s, L 30 s: the simulator moves event times back up to 60 s, so some readings come too late. */
    static final AnalyticsSettings ANALYTICS = AnalyticsSettings.of(Duration.ofSeconds(60), Duration.ofSeconds(30));

    private TestSettings() {
    }

    static JobSettings job(String bootstrap, String alpha, String dlq) {
        return new JobSettings(ANALYTICS, alpha, dlq, Map.of("bootstrap.servers", bootstrap));
    }

    static StreamingJob.Options options(String bootstrap, String readings, String alpha, String dlq, String group) {
        return new StreamingJob.Options(job(bootstrap, alpha, dlq), readings, group, Duration.ofMillis(500), 5_000);
    }
}
