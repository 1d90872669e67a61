package io.sensorpipe.streaming.output;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one task attempt's records through the shared producer and, before the attempt ends, waits until every one
 * of them is acknowledged. The first failed send ends the attempt: nothing after it is counted as done, and
 * {@link #awaitAcknowledged()} throws {@link OutputFailedException}, so the batch's input position never moves past
 * it (DESIGN.md "Output is a gap-free prefix per task attempt").
 */
public final class KafkaAttemptOutput implements AttemptOutput, Callback {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final java.util.Map<String, Long> lastOffsets = new java.util.concurrent.ConcurrentHashMap<>();
    private long sent;

    /** A sender over the shared producer. */
    public KafkaAttemptOutput(KafkaProducer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void send(String topic, Integer partition, Long timestamp, byte[] key, byte[] value, Header... headers) {
        producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, Arrays.asList(headers)), this);
        sent++;
    }

    @Override
    public boolean failed() {
        return firstFailure.get() != null;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            firstFailure.compareAndSet(null, exception);
        } else {
            acknowledged.incrementAndGet();
            lastOffsets.merge(metadata.topic(), metadata.offset(), Math::max);
        }
    }

    @Override
    public long lastAcknowledgedOffset(String topic) {
        return lastOffsets.getOrDefault(topic, -1L);
    }

    /** Flushes and checks that every record sent is acknowledged; throws on the first failure. */
    @Override
    public void awaitAcknowledged() {
        if (!failed()) {
            producer.flush();
        }
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new OutputFailedException("output to Kafka failed: " + failure, failure);
        }
        if (acknowledged.get() != sent) {
            throw new OutputFailedException("output to Kafka: " + acknowledged.get() + " of " + sent
                    + " acknowledged", null);
        }
    }

    /** A send of this attempt failed or was not acknowledged: the attempt must be repeated. */
    public static final class OutputFailedException extends RuntimeException {
        public OutputFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
