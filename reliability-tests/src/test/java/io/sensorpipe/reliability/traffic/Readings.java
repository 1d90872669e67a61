package io.sensorpipe.reliability.traffic;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Readings written the way any producer may write them: plain, in transactions, with odd keys. Event time is the
 * wall clock; temperatures are a seeded random walk per room; seqs go up by one per room.
 */
final class Readings {
    private final Random random;
    private final Map<String, Long> nextSeq = new HashMap<>();
    private final Map<String, Double> temperature = new HashMap<>();

    Readings(long seed) {
        this.random = new Random(seed);
    }

    /** The next reading of a room. */
    Reading next(String room) {
        long seq = nextSeq.merge(room, 1L, Long::sum);
        double t = temperature.merge(room, 20.0, (a, b) -> a + (random.nextDouble() - 0.5));
        return new Reading(room, seq, System.currentTimeMillis(), Math.round(t * 100) / 100.0);
    }

    /** A record of a reading keyed by its room, as the contract says. */
    static ProducerRecord<byte[], byte[]> record(String topic, Reading r) {
        return new ProducerRecord<>(topic, r.roomId().getBytes(StandardCharsets.UTF_8), Codec.encode(r));
    }

    /** An idempotent acks=all producer; with {@code transactionalId} a transactional one, initialised. */
    static KafkaProducer<byte[], byte[]> producer(String bootstrap, String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * 1024 * 1024));
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer());
        if (transactionalId != null) {
            producer.initTransactions();
        }
        return producer;
    }
}
