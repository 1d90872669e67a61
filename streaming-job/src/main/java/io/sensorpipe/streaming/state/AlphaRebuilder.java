package io.sensorpipe.streaming.state;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.RoomAnalytics;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a partition's analytics state from the derived records already in the same alpha partition: they are
 * exactly the accepted readings (seq, ts, temperature), written in order before the input offsets were committed.
 */
public final class AlphaRebuilder {
    private static final Logger LOG = LoggerFactory.getLogger(AlphaRebuilder.class);

    private AlphaRebuilder() {
    }

    /** Reads the alpha partition from its start to its current end into {@code state}; returns records read. */
    public static long rebuild(PartitionAnalytics state, Map<String, String> kafkaClient, String topic, int partition) {
        long started = System.nanoTime();
        TopicPartition tp = new TopicPartition(topic, partition);
        long read = 0;
        long unreadable = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafkaClient),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                    if (r.offset() >= end) {
                        break;
                    }
                    Decoded<RoomAnalytics> d = Codec.decodeAnalytics(r.value());
                    if (d.isOk()) {
                        state.restore(d.value());
                        read++;
                    } else {
                        unreadable++;
                    }
                }
            }
        }
        LOG.info("rebuilt state of {}-{} from {} derived records ({} unreadable skipped) for {} rooms in {} ms",
                topic, partition, read, unreadable, state.rooms(), (System.nanoTime() - started) / 1_000_000);
        return read;
    }

    private static Map<String, Object> consumerConfig(Map<String, String> kafkaClient) {
        Map<String, Object> c = new HashMap<>(kafkaClient);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "streaming-job-rebuild");
        return c;
    }
}
