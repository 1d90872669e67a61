package io.sensorpipe.launcher.run;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/** Consumer group lag on one topic, from end offsets and committed offsets. */
public final class Lag {
    private Lag() {
    }

    /**
     * Sum over the topic's partitions of (end offset - committed offset), where a partition the group has not
     * committed counts in full; -1 when the group has committed nothing at all on the topic (not started yet,
     * or it keeps its position elsewhere).
     */
    public static long of(String topic, Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
        boolean any = committed.keySet().stream().anyMatch(tp -> tp.topic().equals(topic));
        if (!any) {
            return -1;
        }
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (!e.getKey().topic().equals(topic)) {
                continue;
            }
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }
}
