package io.sensorpipe.sink;

import io.sensorpipe.common.metrics.Heartbeat;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.function.Consumer;

/**
 * What the loop tells about itself between batches, for readiness and metrics: that it goes round, how many
 * partitions it holds (it joined its group, so Kafka answers), and the consumer lag of each one.
 */
final class SinkHealth {
    private final Heartbeat heartbeat = new Heartbeat();
    private volatile int assigned;
    private volatile Consumer<Map<TopicPartition, Long>> lagListener = lag -> { };

    /** The loop's heartbeat. */
    Heartbeat heartbeat() {
        return heartbeat;
    }

    void assigned(int partitions) {
        assigned = partitions;
    }

    /** Partitions the consumer holds now. */
    int assigned() {
        return assigned;
    }

    /** Who hears of each per-partition lag (records) the loop measured. */
    void onLag(Consumer<Map<TopicPartition, Long>> listener) {
        lagListener = listener;
    }

    void lag(Map<TopicPartition, Long> perPartition) {
        lagListener.accept(perPartition);
    }
}
