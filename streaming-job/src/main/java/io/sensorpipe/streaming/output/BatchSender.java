package io.sensorpipe.streaming.output;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one task's records through the shared producer and, before the task ends, waits until every one of them
 * is acknowledged: a failed send fails the task, so the batch's input offsets are never committed past it.
 */
public final class BatchSender implements Callback {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private long sent;

    /** A sender over the shared producer. */
    public BatchSender(KafkaProducer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** Sends a record to an explicit partition. */
    public void send(String topic, Integer partition, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, partition, key, value), this);
        sent++;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            firstFailure.compareAndSet(null, exception);
        } else {
            acknowledged.incrementAndGet();
        }
    }

    /** Flushes and checks that every record sent is acknowledged; throws on the first failure. */
    public void awaitAcknowledged() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("output to Kafka failed: " + failure, failure);
        }
        if (acknowledged.get() != sent) {
            throw new IllegalStateException("output to Kafka: " + acknowledged.get() + " of " + sent + " acknowledged");
        }
    }
}
