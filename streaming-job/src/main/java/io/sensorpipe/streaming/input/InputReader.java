package io.sensorpipe.streaming.input;

import io.sensorpipe.common.config.KafkaClients;
import io.sensorpipe.streaming.InputRange;
import io.sensorpipe.streaming.InputRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one task's input, the committed records of an offset range, with a long-lived consumer per input partition
 * and executor JVM. Why not the 0-10 RDD's own iterator: with {@code read_committed} (and also without), a range
 * whose tail is a transaction marker or an aborted transaction holds fewer records than offsets, and Spark's
 * compacted iterator then fails the task ("Failed to get records for compacted ... after polling"), for good. Here
 * the range is done when the consumer's position reaches its end, whatever the records in it were; while the broker
 * is away the read waits for it.
 */
public final class InputReader {
    private static final Logger LOG = LoggerFactory.getLogger(InputReader.class);
    private static final Map<String, KafkaConsumer<byte[], byte[]>> CONSUMERS = new ConcurrentHashMap<>();

    private InputReader() {
    }

    /** The committed records of {@code range}, in offset order. */
    public static List<InputRecord> read(Map<String, String> kafkaClient, InputRange range) {
        TopicPartition tp = new TopicPartition(range.topic(), range.partition());
        KafkaConsumer<byte[], byte[]> consumer = consumer(kafkaClient, tp);
        synchronized (consumer) {
            List<InputRecord> records = new ArrayList<>();
            consumer.seek(tp, range.from());
            long waitingSince = System.nanoTime();
            long lastLog = waitingSince;
            while (consumer.position(tp, Duration.ofDays(1)) < range.until()) {
                boolean got = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                    got = true;
                    if (r.offset() >= range.until()) {
                        break;
                    }
                    records.add(InputRecord.of(r));
                }
                if (got) {
                    waitingSince = System.nanoTime();
                } else if (System.nanoTime() - lastLog > Duration.ofSeconds(30).toNanos()) {
                    lastLog = System.nanoTime();
                    LOG.warn("{}: no records for {} s while offsets up to {} remain (position {}): waiting for Kafka",
                            tp, (lastLog - waitingSince) / 1_000_000_000L, range.until(), consumer.position(tp));
                }
            }
            if (!records.isEmpty() && records.get(0).offset() > range.from()
                    && consumer.beginningOffsets(List.of(tp)).get(tp) > range.from()) {
                LOG.warn("{}: offsets {} to {} were deleted by retention before they were read", tp, range.from(),
                        records.get(0).offset() - 1);
            }
            return records;
        }
    }

    /**
     * Creates the partition's consumer ahead of its first read and connects it (the topic's metadata), so that the
     * first batch's task finds it ready; local mode calls it beside the early restore.
     */
    public static void prepare(Map<String, String> kafkaClient, TopicPartition tp) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(kafkaClient, tp);
        synchronized (consumer) {
            consumer.partitionsFor(tp.topic(), Duration.ofSeconds(10));
        }
    }

    /** The JVM's long-lived consumer of the partition, created on first use. */
    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, String> kafkaClient, TopicPartition tp) {
        return CONSUMERS.computeIfAbsent(kafkaClient.get("bootstrap.servers") + "|" + tp,
                k -> create(kafkaClient, tp));
    }

    private static KafkaConsumer<byte[], byte[]> create(Map<String, String> kafkaClient, TopicPartition tp) {
        Map<String, Object> c = new HashMap<>(kafkaClient);
        KafkaClients.committedReads(c);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);   // assigned and positioned by the range: no group, no commits
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20000");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(32 * 1024 * 1024));
        c.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(1024 * 1024));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "streaming-job-input-" + tp);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(List.of(tp));
        return consumer;
    }
}
