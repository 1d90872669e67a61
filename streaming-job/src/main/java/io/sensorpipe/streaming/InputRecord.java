package io.sensorpipe.streaming;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.Serializable;

/**
 * One input record with its source coordinates, as the pipeline sees it (from Kafka, or from a test queue).
 *
 * @param topic     source topic
 * @param partition source partition
 * @param offset    source offset
 * @param key       key bytes (the roomId), may be null
 * @param value     value bytes (a JSON reading, or anything else)
 * @param timestamp the record's Kafka timestamp (when it was produced), -1 when it has none
 */
public record InputRecord(String topic, int partition, long offset, byte[] key, byte[] value, long timestamp)
        implements Serializable {
    /** A record without a Kafka timestamp (test queues). */
    public InputRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
        this(topic, partition, offset, key, value, -1L);
    }

    /** From a Kafka consumer record. */
    public static InputRecord of(ConsumerRecord<byte[], byte[]> r) {
        return new InputRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(), r.timestamp());
    }
}
