package io.sensorpipe.reliability.harness;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Reads topics and consumer-group positions directly from the broker, without a consumer group of its own. */
public final class TopicReader {
    private final String bootstrap;
    private final Properties client = new Properties();

    /** A reader for the broker at {@code bootstrap}. */
    public TopicReader(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A reader with these client properties (bootstrap servers and, on a secure stack, the admin's SASL settings). */
    public TopicReader(Properties client) {
        this.bootstrap = client.getProperty("bootstrap.servers");
        this.client.putAll(client);
    }

    /**
     * Every committed record of the topic up to its current end (aborted transactions and markers skipped, as every
     * component reads), partition by partition in offset order.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(topic, info.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 3 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        byPartition.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            byPartition.keySet().stream().sorted().forEach(k -> all.addAll(byPartition.get(k)));
            return all;
        }
    }

    /** Records in the topic (sum of end offsets; the topics are never compacted or truncated here). */
    public long endOffsetTotal(String topic) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = partitions(admin, topic).stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("cannot read end offsets of " + topic, e);
        }
    }

    /** A consumer group's lag on a topic: end offsets minus committed offsets (uncommitted partitions count fully). */
    public long groupLag(String group, String topic) {
        try (Admin admin = admin()) {
            List<TopicPartition> parts = partitions(admin, topic);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = parts.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            for (TopicPartition tp : parts) {
                OffsetAndMetadata c = committed.get(tp);
                lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("cannot read the lag of group " + group, e);
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.putAll(client);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(p);
    }

    private static List<TopicPartition> partitions(Admin admin, String topic)
            throws InterruptedException, ExecutionException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
