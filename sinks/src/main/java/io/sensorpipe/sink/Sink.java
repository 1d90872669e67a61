package io.sensorpipe.sink;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.KafkaAccess;
import io.sensorpipe.common.config.KafkaClients;
import io.sensorpipe.common.config.KafkaRefusal;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.metrics.MetricsServer;
import io.sensorpipe.sink.write.BulkWriter;
import io.sensorpipe.sink.write.WriteObserver;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running sink: one long-lived consumer and one MongoClient, its loop on its own thread. The programmatic entry
 * for the command, the launcher, tests and benchmarks: {@code Sink.start(config)}, then {@link #counters()},
 * {@link #stop()} and {@link #awaitStopped(Duration)}.
 */
public final class Sink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sink.class);
    /** Readiness: the loop went round within this (a poll is 200 ms; a retry wait polls too). */
    private static final Duration LOOP_STALE = Duration.ofSeconds(15);

    private final SinkLoop loop;
    private final SinkCounters counters = new SinkCounters();
    private final MongoClient mongo;
    private final BulkWriter writer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;

    private final SinkHealth health = new SinkHealth();

    private Sink(SinkConfig config, MongoClient mongo, KafkaConsumer<byte[], byte[]> consumer, MetricsServer metrics) {
        this.mongo = mongo;
        MongoDatabase db = mongo.getDatabase(config.database());
        WriteObserver observer = metrics == null ? WriteObserver.NONE
                : new SinkMetrics(metrics.registry(), config.kind(), counters, health);
        this.writer = new BulkWriter(db.getCollection(config.kind().collection()),
                db.getCollection(Names.COLL_DEAD_LETTERS), config.kind().mapper(), config.kind().stage(),
                config.bulkSize(), config.backoff(), config.writesInFlight(), observer);
        this.loop = new SinkLoop(consumer, writer, config, counters, health);
        if (metrics != null) {
            MongoPing ping = new MongoPing(db);
            metrics.readiness()
                    .require("kafka (partitions assigned)", () -> health.assigned() > 0)
                    .require("mongodb", ping::ok)
                    .require("loop running", () -> !isStopped() && health.heartbeat().recent(LOOP_STALE));
        }
    }

    /**
     * Connects to MongoDB and Kafka, checks both answer, and starts consuming.
     *
     * @throws ServiceException when MongoDB or Kafka cannot be reached or the topic does not exist
     */
    public static Sink start(SinkConfig config) {
        return start(config, null);
    }

    /**
     * The same, with the sink's series on {@code metrics}' registry and its readiness conditions (partitions assigned,
     * MongoDB answers, loop running) on its {@code /ready}; null: no metrics.
     *
     * @throws ServiceException when MongoDB or Kafka cannot be reached or the topic does not exist
     */
    public static Sink start(SinkConfig config, MetricsServer metrics) {
        MongoClient mongo = MongoClients.create(mongoSettings(config.mongoUri()));
        KafkaConsumer<byte[], byte[]> consumer = null;
        try {
            ping(mongo, config);
            // READ on the topic and on the group, or one line naming what the broker refuses
            KafkaAccess.require(config.kafka(), new KafkaAccess.Needs(
                    java.util.Map.of(config.kind().topic(), java.util.Set.of(AclOperation.READ)), config.group(),
                    java.util.Set.of(AclOperation.READ)), 15);
            consumer = new KafkaConsumer<>(consumerProperties(config));
            checkTopic(consumer, config);
        } catch (RuntimeException e) {
            if (consumer != null) {
                consumer.close(Duration.ZERO);
            }
            mongo.close();
            throw e;
        }
        Sink sink = new Sink(config, mongo, consumer, metrics);
        Thread t = new Thread(sink::runLoop, config.kind().stage());
        t.start();
        LOG.info("{}: consuming '{}' as group '{}' into {}.{} ({} per bulk write, up to {} per batch, {} in flight)",
                config.kind().stage(), config.kind().topic(), config.group(), config.database(),
                config.kind().collection(), config.bulkSize(), config.maxPollRecords(), config.writesInFlight());
        return sink;
    }

    private void runLoop() {
        try {
            loop.run();
        } catch (Throwable t) {
            failure = t;
            LOG.error("sink failed: {}", t.getMessage());
        } finally {
            writer.close();
            mongo.close();
            stopped.countDown();
        }
    }

    /** Asks the sink to finish its current batch, commit and stop; returns at once. */
    public void stop() {
        loop.stop();
    }

    /** Waits for the loop to end; true when it did within the timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once the loop has ended. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Why the loop ended on its own, or null. */
    public Throwable failure() {
        return failure;
    }

    /** The running totals. */
    public SinkCounters counters() {
        return counters;
    }

    /** Stops and waits up to 30 s. */
    @Override
    public void close() throws InterruptedException {
        stop();
        awaitStopped(Duration.ofSeconds(30));
    }

    /** Client settings: short server selection and socket timeouts so an outage shows up as a retry, not a hang. */
    /** The client settings: the URI's options win; write concern majority unless the URI names one. */
    static MongoClientSettings mongoSettings(String uri) {
        ConnectionString cs = new ConnectionString(uri);
        MongoClientSettings.Builder b = MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(c -> c.connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS))
                .applyConnectionString(cs);
        if (cs.getWriteConcern() == null) {
            b.writeConcern(WriteConcern.MAJORITY);
        }
        return b.build();
    }

    private static void ping(MongoClient mongo, SinkConfig config) {
        try {
            mongo.getDatabase(config.database()).runCommand(new Document("ping", 1));
        } catch (MongoException e) {
            throw new ServiceException(config.kind().stage() + ": cannot reach MongoDB at "
                    + new ConnectionString(config.mongoUri()).getHosts() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static void checkTopic(KafkaConsumer<byte[], byte[]> consumer, SinkConfig config) {
        String servers = config.kafka().getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(config.kind().topic(), Duration.ofSeconds(15));
        } catch (KafkaException e) {
            String refusal = KafkaRefusal.describe(e, config.kafka());
            throw new ServiceException(config.kind().stage() + ": " + (refusal != null ? refusal
                    : "cannot reach Kafka at " + servers + ": " + firstLine(e.getMessage())), e);
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new ServiceException(config.kind().stage() + ": topic '" + config.kind().topic()
                    + "' does not exist on " + servers);
        }
    }

    static Properties consumerProperties(SinkConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafka());
        KafkaClients.committedReads(p);   // aborted transactions never reach the database
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxPollRecords()));
        // partitions added to the topic are assigned (a rebalance) at the next metadata refresh: 10 s, as the
        // streaming job's, not the client default of 5 minutes; a user's client config can still set its own
        p.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, config.kind().stage() + "-" + ProcessHandle.current().pid());
        return p;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
