package io.sensorpipe.launcher.run;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.sensorpipe.common.Names;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Computes a {@link Status} from outside the pipeline: end offsets and consumer group offsets through one Kafka
 * admin client, document counts through one MongoDB client. It never asks the components themselves.
 */
public final class StatusProbe implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final MongoClient mongo;
    private final MongoDatabase db;

    /** Connects to Kafka with {@code kafkaProperties} and to MongoDB at {@code mongoUri}. */
    public StatusProbe(Properties kafkaProperties, String mongoUri, String database) {
        Properties p = new Properties();
        p.putAll(kafkaProperties);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        this.admin = Admin.create(p);
        this.mongo = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(mongoUri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(30, TimeUnit.SECONDS))
                .build());
        this.db = mongo.getDatabase(database);
    }

    /** The current snapshot; the batch time is left unknown (-1). */
    public Status snapshot() {
        try {
            Map<TopicPartition, Long> ends = endOffsets(List.of(Names.TOPIC_READINGS, Names.TOPIC_ALPHA, Names.TOPIC_DLQ,
                    Names.TOPIC_LATE));
            return new Status(sum(ends, Names.TOPIC_READINGS), sum(ends, Names.TOPIC_ALPHA), sum(ends, Names.TOPIC_DLQ),
                    count(Names.COLL_READINGS), count(Names.COLL_ANALYTICS), count(Names.COLL_DEAD_LETTERS),
                    lag(Names.GROUP_STREAMING, Names.TOPIC_READINGS, ends),
                    lag(Names.GROUP_RAW_SINK, Names.TOPIC_READINGS, ends),
                    lag(Names.GROUP_DERIVED_SINK, Names.TOPIC_ALPHA, ends), -1, sum(ends, Names.TOPIC_LATE),
                    lag(Names.GROUP_LATE_SINK, Names.TOPIC_LATE, ends));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read Kafka offsets: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading Kafka offsets", e);
        }
    }

    /** Partitions of {@code readings} (0 when Kafka does not answer). */
    public int readingsPartitions() {
        try {
            return admin.describeTopics(List.of(Names.TOPIC_READINGS)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Names.TOPIC_READINGS).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** True when every named consumer group has at least one member (its consumers have joined). */
    public boolean groupsHaveMembers(List<String> groups) {
        try {
            return admin.describeConsumerGroups(groups).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
                    .allMatch(g -> !g.members().isEmpty());
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The pipeline's database, for the summary queries. */
    public MongoDatabase database() {
        return db;
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : admin.describeTopics(topics).topicNameValues()
                .entrySet()) {
            TopicDescription d;
            try {
                d = e.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException missing) {
                if (missing.getCause() instanceof UnknownTopicOrPartitionException
                        && Names.TOPIC_LATE.equals(e.getKey())) {
                    continue;   // a job run with --late-topic none on a cluster without the topic: nothing late
                }
                throw missing;
            }
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Sum over the topic's partitions of end offset minus the group's committed offset; -1 if nothing committed. */
    private long lag(String group, String topic, Map<TopicPartition, Long> ends)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return Lag.of(topic, ends, committed);
    }

    private long count(String collection) {
        return db.getCollection(collection).countDocuments();
    }

    private static long sum(Map<TopicPartition, Long> ends, String topic) {
        return ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
        mongo.close();
    }
}
