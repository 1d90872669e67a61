package io.sensorpipe.streaming;

import io.sensorpipe.streaming.analytics.AnalyticsSettings;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the executors need to process a partition: the analytics parameters, the output topics, the Kafka client
 * properties (bootstrap servers plus any security settings) and where state snapshots go.
 *
 * @param analytics        window and lateness
 * @param outputTopic      derived records (alpha)
 * @param dlqTopic         undecodable input records
 * @param kafkaClient      base Kafka client properties
 * @param stateDir         directory of state snapshots (shared by every executor on a cluster); null: none, every
 *                         restore reads the whole output partition
 * @param snapshotMillis   at most one snapshot per partition per this many milliseconds
 * @param lateTopic        too-late readings ({@code LateReading}), published like the derived records; null: none
 */
public record JobSettings(AnalyticsSettings analytics, String outputTopic, String dlqTopic,
                          Map<String, String> kafkaClient, String stateDir, long snapshotMillis, String lateTopic)
        implements Serializable {
    /** Settings that publish no late readings. */
    public JobSettings(AnalyticsSettings analytics, String outputTopic, String dlqTopic,
                       Map<String, String> kafkaClient, String stateDir, long snapshotMillis) {
        this(analytics, outputTopic, dlqTopic, kafkaClient, stateDir, snapshotMillis, null);
    }

    /** Settings without state snapshots. */
    public JobSettings(AnalyticsSettings analytics, String outputTopic, String dlqTopic,
                       Map<String, String> kafkaClient) {
        this(analytics, outputTopic, dlqTopic, kafkaClient, null, 0, null);
    }

    /** Identifies whose state a partition belongs to, so jobs on other clusters or topics never share it. */
    public String stateScope() {
        return kafkaClient.get("bootstrap.servers") + "/" + outputTopic + "/" + analytics;
    }

    /** The same settings with snapshots in {@code dir} (null: none). */
    public JobSettings withStateDir(String dir) {
        return new JobSettings(analytics, outputTopic, dlqTopic, kafkaClient, dir, snapshotMillis, lateTopic);
    }

    /** The snapshot directory, or null. */
    public Path stateDirPath() {
        return stateDir == null || stateDir.isBlank() ? null : Path.of(stateDir);
    }
}
