package io.sensorpipe.producer;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;
import java.util.Properties;

/**
 * The simulator's producer settings: idempotent with acks=all (the delivery guarantee), batching and
 * compression tuned for throughput of ~90-byte JSON readings (see producer/README.md for the measurements).
 */
final class ProducerTuning {
    /** Defaults; any of them can be overridden with --producer-config KEY=VALUE. */
    static final Map<String, String> DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
            ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024),
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024),
            ProducerConfig.CLIENT_ID_CONFIG, "simulator");

    private ProducerTuning() {
    }

    /** Client properties (bootstrap, security) + defaults + overrides; acks and idempotence cannot be weakened. */
    static Properties producerProperties(Properties client, Map<String, String> overrides) {
        Properties p = new Properties();
        p.putAll(client);
        p.putAll(DEFAULTS);
        p.putAll(overrides);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
