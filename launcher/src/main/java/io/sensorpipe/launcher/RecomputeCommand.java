package io.sensorpipe.launcher;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.KafkaOptions;
import io.sensorpipe.common.config.MongoOptions;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.config.SettingException;
import io.sensorpipe.launcher.run.MongoUris;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code bin/pipeline recompute}: the one procedure for changing W or L (DESIGN.md "Settings are part of the
 * state"). With the streaming job and the derived sink stopped, it empties {@code alpha} (its records are deleted,
 * its partitions and offsets stay, so the derived sink's position stays valid), moves the job's input position back
 * to the start of {@code readings}, and deletes the documents of {@code room_analytics}. The job, started with the
 * new settings, then recomputes every retained reading, and the derived sink stores exactly the new records. The late
 * readings ({@code readings.late}, {@code late_readings}) are emptied the same way (the late sink stopped too), since
 * which readings are too late depends on L.
 */
@Command(name = "pipeline recompute", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prepares a recomputation of room_analytics after a change of --window or --lateness.",
            "Stop the streaming job, the derived sink and the late sink first; then run this; then start them, the job",
            "with the new settings. Raw readings are kept; readings older than the readings topic's retention are not",
            "recomputed. The late readings (readings.late, late_readings) are emptied and judged again."})
public final class RecomputeCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    MongoOptions mongo = new MongoOptions();

    @Option(names = "--yes", description = "Required: confirms that alpha's records and room_analytics' documents"
            + " are deleted.")
    boolean yes;

    @Option(names = "--group", defaultValue = Names.GROUP_STREAMING,
            description = "The streaming job's consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--derived-group", defaultValue = Names.GROUP_DERIVED_SINK,
            description = "The derived sink's consumer group, which must have no members (default: ${DEFAULT-VALUE}).")
    String derivedGroup;

    /** Entry point used by {@code bin/pipeline recompute}. */
    public static void main(String[] args) {
        Cli.main(new RecomputeCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (!yes) {
            throw new SettingException("--yes", "is required: recompute deletes alpha's records and room_analytics'"
                    + " documents (stop the streaming job and the derived sink first)");
        }
        Properties client = kafka.clientProperties();
        Map<String, Object> conf = new HashMap<>();
        client.forEach((k, v) -> conf.put(String.valueOf(k), v));
        conf.put("default.api.timeout.ms", 30_000);
        try (Admin admin = Admin.create(conf)) {
            requireStopped(admin, derivedGroup, "the derived sink");
            requireStopped(admin, Names.GROUP_LATE_SINK, "the late sink");
            long deleted = emptyAlpha(admin);
            int reset = resetJobPosition(admin);
            long documents = deleteAnalytics();
            System.out.printf("recompute: deleted %d records of '%s' (partitions and offsets kept), moved group '%s'"
                            + " to the start of %d partitions of '%s', deleted %d documents of %s.%s%n", deleted,
                    Names.TOPIC_ALPHA, group, reset, Names.TOPIC_READINGS, documents, mongo.database(),
                    Names.COLL_ANALYTICS);
            // which readings are too late depends on L: the late readings are judged again too
            long lateRecords = emptyTopic(admin, Names.TOPIC_LATE);
            long lateDocuments = deleteAll(Names.COLL_LATE);
            System.out.printf("recompute: deleted %d records of '%s' and %d documents of %s.%s (judged again)%n",
                    lateRecords, Names.TOPIC_LATE, lateDocuments, mongo.database(), Names.COLL_LATE);
            System.out.println("now start the streaming job with the new settings (bin/pipeline stream --window ..."
                    + " --lateness ...) and the derived sink (bin/pipeline sink derived)");
        } catch (ExecutionException e) {
            throw new ServiceException("recompute: Kafka at " + client.getProperty("bootstrap.servers") + ": "
                    + e.getCause().getMessage(), e);
        }
        return 0;
    }

    private static void requireStopped(Admin admin, String group, String what) throws Exception {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS)
                .get(group);
        if (d != null && !d.members().isEmpty() && d.state() != ConsumerGroupState.DEAD) {
            throw new ServiceException("recompute: " + what + " is still running (group '" + group + "' has "
                    + d.members().size() + " member(s)); stop it first");
        }
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static long emptyAlpha(Admin admin) throws Exception {
        return emptyTopic(admin, Names.TOPIC_ALPHA);
    }

    /** Deletes every record of {@code topic}, keeping its partitions and offsets; returns how many there were. */
    private static long emptyTopic(Admin admin, String topic) throws Exception {
        List<TopicPartition> parts = partitions(admin, topic);
        Map<TopicPartition, Long> end = offsets(admin, parts, OffsetSpec.latest());
        Map<TopicPartition, Long> begin = offsets(admin, parts, OffsetSpec.earliest());
        admin.deleteRecords(end.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> RecordsToDelete.beforeOffset(e.getValue())))).all().get(60, TimeUnit.SECONDS);
        return parts.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
    }

    private int resetJobPosition(Admin admin) throws Exception {
        List<TopicPartition> parts = partitions(admin, Names.TOPIC_READINGS);
        Map<TopicPartition, Long> begin = offsets(admin, parts, OffsetSpec.earliest());
        admin.alterConsumerGroupOffsets(group, begin.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new OffsetAndMetadata(e.getValue())))).all().get(30, TimeUnit.SECONDS);
        return parts.size();
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> parts, OffsetSpec spec)
            throws Exception {
        return admin.listOffsets(parts.stream().collect(Collectors.toMap(tp -> tp, tp -> spec))).all()
                .get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private long deleteAnalytics() {
        return deleteAll(Names.COLL_ANALYTICS);
    }

    private long deleteAll(String collection) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.uri()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS)).build();
        try (MongoClient client = MongoClients.create(settings)) {
            return client.getDatabase(mongo.database()).getCollection(collection)
                    .deleteMany(new Document()).getDeletedCount();
        } catch (MongoException e) {
            throw new ServiceException("recompute: cannot delete " + mongo.database() + "." + collection
                    + " at " + MongoUris.maskPassword(mongo.uri()) + ": " + e.getMessage(), e);
        }
    }
}
