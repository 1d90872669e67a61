package io.sensorpipe.producer;

import io.sensorpipe.common.config.ServiceException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the tail of each partition of a topic backwards, in growing chunks, until every simulated room that
 * hashes to the partition is settled ({@link ResumeScan}) or the partition's start is reached; then, for the rooms
 * found nowhere, the other partitions the same way (a room that moved when the topic grew has its readings on the
 * partition it had before).
 */
final class TopicTailReader {
    private static final int FIRST_CHUNK = 1_000;
    private static final int MAX_CHUNK = 100_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long DEADLINE_MILLIS = 120_000;

    private final Properties client;

    TopicTailReader(Properties client) {
        this.client = client;
    }

    /** Where each room left off in the topic (rooms never seen are absent). */
    Map<String, RoomTail> read(String topic, int partitions, List<String> rooms) {
        ResumeScan scan = new ResumeScan(rooms);
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            for (int p = 0; p < partitions; p++) {
                List<String> expected = roomsOf(rooms, p, partitions);
                if (!expected.isEmpty()) {
                    scanPartition(consumer, new TopicPartition(topic, p), expected, scan, deadline);
                }
            }
            // a room not found on its partition may have moved there when the topic grew: its readings so far are
            // on the partition it had before (whichever that was), so look for it on the others
            Map<String, RoomTail> found = scan.tails();   // a copy: taken once, not per room
            List<String> unseen = rooms.stream().filter(r -> !found.containsKey(r)).toList();
            for (int p = 0; p < partitions && !unseen.isEmpty() && partitions > 1; p++) {
                int partition = p;
                List<String> elsewhere = unseen.stream().filter(r -> BuiltInPartitioner.partitionForKey(
                        r.getBytes(StandardCharsets.UTF_8), partitions) != partition).toList();
                if (!elsewhere.isEmpty()) {
                    scanPartition(consumer, new TopicPartition(topic, p), elsewhere, scan, deadline);
                }
            }
        }
        return scan.tails();
    }

    /** The rooms whose key the default partitioner sends to partition {@code p}. */
    static List<String> roomsOf(List<String> rooms, int p, int partitions) {
        return rooms.stream()
                .filter(r -> BuiltInPartitioner.partitionForKey(r.getBytes(StandardCharsets.UTF_8), partitions) == p)
                .toList();
    }

    private void scanPartition(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, List<String> expected,
                               ResumeScan scan, long deadline) {
        consumer.assign(List.of(tp));
        long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
        long pos = consumer.endOffsets(List.of(tp)).get(tp);
        int chunk = FIRST_CHUNK;
        while (pos > begin && !scan.allSettled(expected)) {
            long from = Math.max(begin, pos - chunk);
            List<ConsumerRecord<byte[], byte[]>> records = readRange(consumer, tp, from, pos, deadline);
            for (int i = records.size() - 1; i >= 0; i--) {
                scan.offer(records.get(i).key(), records.get(i).value());
            }
            pos = from;
            chunk = Math.min(MAX_CHUNK, chunk * 4);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readRange(KafkaConsumer<byte[], byte[]> consumer,
                                                                  TopicPartition tp, long from, long until,
                                                                  long deadline) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        consumer.seek(tp, from);
        while (consumer.position(tp) < until) {
            if (System.currentTimeMillis() > deadline) {
                throw new ServiceException("cannot read the tail of " + tp + " to resume sequence numbers within "
                        + DEADLINE_MILLIS / 1000 + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(tp)) {
                if (r.offset() < until) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "simulator-resume");
        return p;
    }
}
