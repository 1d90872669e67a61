package io.sensorpipe.streaming.output;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one long-lived Kafka producer per executor JVM (lazy holder, one per client configuration): idempotent,
 * acks=all, so per-partition order holds and a retried send is not written twice.
 */
public final class AlphaProducer {
    private static final Map<Map<String, String>, KafkaProducer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

    private AlphaProducer() {
    }

    /** The shared producer for these client properties, created on first use, for the JVM's lifetime. */
    public static KafkaProducer<byte[], byte[]> get(Map<String, String> kafkaClient) {
        return PRODUCERS.computeIfAbsent(kafkaClient, AlphaProducer::create);
    }

    private static KafkaProducer<byte[], byte[]> create(Map<String, String> kafkaClient) {
        Map<String, Object> p = new HashMap<>(kafkaClient);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // batches of a few hundred KB amortise the per-request cost; the batch ends with a flush anyway
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "streaming-job-alpha");
        // no shutdown hook closes it: on SIGTERM Spark is still finishing a batch that sends through it, and every
        // task flushes and waits for its own acknowledgements anyway
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
