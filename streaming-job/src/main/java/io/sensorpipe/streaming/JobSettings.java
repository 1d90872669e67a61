package io.sensorpipe.streaming;

import io.sensorpipe.streaming.analytics.AnalyticsSettings;

import java.io.Serializable;
import java.util.Map;

/**
 * What the executors need to process a partition: the analytics parameters, the output topics and the Kafka
 * client properties (bootstrap servers plus any security settings) for the alpha producer and the rebuild reader.
 *
 * @param analytics    window and lateness
 * @param outputTopic  derived records (alpha)
 * @param dlqTopic     undecodable input records
 * @param kafkaClient  base Kafka client properties
 */
public record JobSettings(AnalyticsSettings analytics, String outputTopic, String dlqTopic,
                          Map<String, String> kafkaClient) implements Serializable {
    /** Identifies whose state a partition belongs to, so jobs on other clusters or topics never share it. */
    public String stateScope() {
        return kafkaClient.get("bootstrap.servers") + "/" + outputTopic + "/" + analytics;
    }
}
