package io.sensorpipe.streaming.state;

import io.sensorpipe.common.config.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the settings (W and L) that the newest derived records of each alpha partition were computed with: the
 * state is a function of them, so the driver refuses to start with other values (DESIGN.md "Settings are part of
 * the state") instead of silently mixing two computations.
 */
public final class RecordedSettings {
    /** How far back from the end of a partition to look for the job's newest record. */
    private static final int LOOK_BACK = 50;

    private RecordedSettings() {
    }

    /** Per alpha partition holding job output, the settings tag of its newest derived record. */
    public static Map<Integer, String> of(Map<String, String> kafkaClient, String topic) {
        Map<String, Object> c = new HashMap<>(kafkaClient);
        KafkaClients.committedReads(c);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "streaming-job-settings-check");
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        Map<Integer, String> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            List<TopicPartition> toRead = parts.stream().filter(tp -> end.get(tp) > begin.get(tp)).toList();
            consumer.assign(toRead);   // all at once: one fetch round reads every partition's tail
            for (TopicPartition tp : toRead) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - LOOK_BACK));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (toRead.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Provenance p = Provenance.of(r.headers());
                    if (p != null && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        found.put(r.partition(), p.settings());   // records come in offset order: the newest wins
                    }
                }
            }
        }
        return found;
    }
}
