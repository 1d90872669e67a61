package io.sensorpipe.sink;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** Test helpers around the embedded broker: produce records, read and reset a group's committed offsets. */
final class TestKafka implements AutoCloseable {
    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;

    TestKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Properties for a sink's consumer. */
    Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** Readings for rooms room-00..: seq 1..perRoom, one second apart, ending about a minute before now. */
    static List<Reading> readings(String roomPrefix, int rooms, int perRoom) {
        long base = System.currentTimeMillis() - (perRoom + 60L) * 1000;
        List<Reading> list = new ArrayList<>(rooms * perRoom);
        for (int seq = 1; seq <= perRoom; seq++) {
            for (int r = 0; r < rooms; r++) {
                double t = 20.0 + ((seq * 7 + r * 13) % 50) / 10.0;
                list.add(new Reading(String.format("%s-%02d", roomPrefix, r), seq, base + seq * 1000L, t));
            }
        }
        return list;
    }

    /** Sends readings keyed by room and waits for all acknowledgements. */
    void sendReadings(String topic, List<Reading> readings) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            acks.add(send(topic, r.roomId(), Codec.encode(r)));
        }
        for (Future<RecordMetadata> f : acks) {
            f.get();
        }
    }

    /** Sends one record; the future gives its partition and offset. */
    Future<RecordMetadata> send(String topic, String key, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    /** Sends one raw value and returns where it landed. */
    RecordMetadata sendNow(String topic, String key, String value) throws Exception {
        return send(topic, key, value.getBytes(StandardCharsets.UTF_8)).get();
    }

    /** The end offset of every partition of a topic. */
    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            ask.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        return admin.listOffsets(ask).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The group's committed offsets (partitions without a commit are missing). */
    Map<TopicPartition, Long> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Moves an inactive group back to offset 0 on every partition of the topic. */
    void resetToEarliest(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        for (TopicPartition tp : endOffsets(topic).keySet()) {
            zero.put(tp, new OffsetAndMetadata(0));
        }
        admin.alterConsumerGroupOffsets(group, zero).all().get();
    }

    /** Waits until the sink has handled {@code expected} records in committed batches, or fails after the timeout. */
    static void awaitHandled(Sink sink, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sink.counters().handled() < expected) {
            if (sink.isStopped()) {
                throw new AssertionError("sink stopped early: " + sink.failure());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sink handled " + sink.counters().handled() + " of " + expected
                        + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        admin.close(Duration.ofSeconds(10));
    }
}
