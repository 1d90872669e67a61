package io.sensorpipe.streaming;

import io.sensorpipe.common.config.KafkaAccess;
import io.sensorpipe.common.config.KafkaClients;
import io.sensorpipe.common.config.KafkaRefusal;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.config.SettingException;
import io.sensorpipe.streaming.input.BatchSizer;
import io.sensorpipe.streaming.input.FollowingAssign;
import io.sensorpipe.streaming.output.AlphaGrowth;
import io.sensorpipe.streaming.state.EarlyRestore;
import io.sensorpipe.streaming.state.Provenance;
import io.sensorpipe.streaming.state.RecordedSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.apache.spark.streaming.kafka010.PerPartitionConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the running job on a Spark context: the Kafka direct stream of {@code readings} into the pipeline, and
 * the input offsets committed to Kafka only after the batch's alpha records are acknowledged.
 */
public final class StreamingJob {
    /**
     * Everything the job needs besides Spark.
     *
     * @param settings             executor-side settings (analytics, output topics, Kafka client properties)
     * @param inputTopic           readings topic
     * @param group                consumer group whose committed offsets are the job's input position
     * @param batchInterval        Spark Streaming batch interval
     * @param maxRatePerPartition  records per second per partition (0 = unlimited)
     */
    public record Options(JobSettings settings, String inputTopic, String group, Duration batchInterval,
                          long maxRatePerPartition) {
    }

    /**
     * Spark's own answer to offset gaps (transaction markers, aborted records, compaction). Not used: with it, the
     * direct stream counts every batch by reading it on the driver, and its iterator fails for good on a range whose
     * tail holds no committed record. The job reads each range itself ({@code InputReader}), gaps included, and the
     * 0-10 RDD only carries the offset ranges and their placement.
     */
    static final String COMPACTED = "spark.streaming.kafka.allowNonConsecutiveOffsets";
    /** {@code false}: Spark's backpressure alone, without the {@link BatchSizer}'s floor (for comparisons). */
    public static final String BATCH_FLOOR = "spark.sensorpipe.batchFloor.enabled";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamingJob.class);

    private final JavaStreamingContext ssc;
    private final MicroBatchLog batchLog = new MicroBatchLog();

    private StreamingJob(JavaStreamingContext ssc) {
        this.ssc = ssc;
    }

    /** Checks the topics, wires the stream and starts it. */
    public static StreamingJob start(JavaSparkContext sc, Options o) {
        return startChecked(sc, check(o, false), false);
    }

    /**
     * The checks that need only Kafka (topics, recorded settings) and the state directory scoped to the topics;
     * {@code bin/pipeline stream} runs them while the Spark context starts. With {@code earlyRestore} (local mode: the
     * driver is the executor) the restores start as soon as the state directory is known, while the settings check
     * (run beside the topic check) may still run: if it fails the job does not start, and the restores themselves
     * trust only snapshots and output of the current settings.
     */
    public static Options check(Options o, boolean earlyRestore) {
        long t0 = System.nanoTime();
        // both read Kafka, independently (a cold consumer reading every alpha tail takes about a second): at once;
        // a topic problem is still the one reported first
        java.util.concurrent.CompletableFuture<Long> settingsChecked = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    checkRecordedSettings(o.settings());
                    return System.nanoTime();
                }, task -> {
                    Thread t = new Thread(task, "settings-check");   // not the common pool: one thread on two cores
                    t.setDaemon(true);
                    t.start();
                });
        String topicIds = checkTopics(o);
        long t1 = System.nanoTime();
        Options scoped = scopeStateDir(o, topicIds);
        if (earlyRestore) {
            EarlyRestore.start(scoped.settings(), o.inputTopic(), o.group());
        }
        long t2 = joinSettingsCheck(settingsChecked);
        LOG.info("topics checked in {} ms, recorded settings in {} ms (at once); {}", (t1 - t0) / 1_000_000,
                (t2 - t0) / 1_000_000, scoped.settings().stateDir() == null
                        ? "no state snapshots: a restore reads whole alpha partitions"
                        : "state snapshots in " + scoped.settings().stateDir() + ", per partition after "
                                + scoped.settings().snapshotMillis() + " ms or an eighth of its state's readings (at"
                                + " least 5,000) of output, whichever comes first");
        return scoped;
    }

    /** The settings check's end time; its failure (a setting or service problem) is rethrown as it was. */
    private static long joinSettingsCheck(java.util.concurrent.CompletableFuture<Long> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Runs a trivial Spark job on a daemon thread and returns at once; {@code bin/pipeline stream} calls it as soon
     * as the Spark context is up, beside the checks and the streaming context's start. The first job of a context
     * pays for the scheduler's cold code (job submission, task serialisation and results on the driver, task start
     * on the executor: 0.6 s here); this job pays part of it before the first batch does.
     */
    public static void warmUp(JavaSparkContext sc) {
        Thread t = new Thread(() -> {
            long started = System.nanoTime();
            try {
                sc.parallelize(java.util.List.of(1, 2), 2).map(i -> i + 1).fold(0, Integer::sum);
                LOG.info("Spark warm-up job done in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.info("Spark warm-up job not done ({}); the first batch pays for the cold start", e.getMessage());
            }
        }, "spark-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Wires and starts the stream with options that went through {@link #check}; {@code restoring}: the check started
     * the early restore already.
     */
    public static StreamingJob startChecked(JavaSparkContext sc, Options o, boolean restoring) {
        if (sc.getConf().getBoolean(COMPACTED, false)) {
            throw new IllegalStateException("the Spark context must not set " + COMPACTED + "=true: the job reads its"
                    + " input itself and handles offset gaps (StreamingJob.configure)");
        }
        if (sc.isLocal() && !restoring) {
            // the driver is the executor: restore while the context starts and the first batch time comes
            EarlyRestore.start(o.settings(), o.inputTopic(), o.group());
        }
        io.sensorpipe.streaming.input.FirstBatchNowClock.batchInterval(o.batchInterval());   // when it is the clock
        StreamingJob job = new StreamingJob(new JavaStreamingContext(sc,
                Durations.milliseconds(o.batchInterval().toMillis())));
        job.wire(o);
        job.ssc.addStreamingListener(job.batchLog);
        job.ssc.start();
        return job;
    }

    private void wire(Options o) {
        // assigned, not subscribed: no group membership, so a restart after a crash does not wait for the dead
        // member's session to expire; the group's committed offsets are still the starting position. The strategy
        // follows partitions added to the input (alpha is grown to match first) and waits for an absent broker.
        JobSettings s = o.settings();
        FollowingAssign.Growth growth = n -> AlphaGrowth.ensure(s.kafkaClient(), s.outputTopic(), n);
        // with backpressure, a floor under Spark's rate estimate fills each batch while a backlog drains
        SparkConf conf = ssc.sparkContext().getConf();
        BatchSizer sizer = conf.getBoolean("spark.streaming.backpressure.enabled", false)
                && conf.getBoolean(BATCH_FLOOR, true) ? new BatchSizer(o.batchInterval(), o.maxRatePerPartition()) : null;
        if (sizer != null) {
            ssc.addStreamingListener(sizer);
        }
        JavaInputDStream<ConsumerRecord<byte[], byte[]>> readings = KafkaUtils.createDirectStream(ssc,
                LocationStrategies.PreferConsistent(),
                new FollowingAssign(o.inputTopic(), consumerParams(o), Duration.ofSeconds(10), growth),
                new RateLimit(o.maxRatePerPartition(), sizer));
        CanCommitOffsets committer = (CanCommitOffsets) readings.inputDStream();
        StreamingPipeline.assemble(readings, InputRecord::of, o.settings(), (rdd, time, counts) -> {
            // only now, with every alpha record of the batch acknowledged, may the input position advance
            OffsetRange[] ranges = ((HasOffsetRanges) rdd.rdd()).offsetRanges();
            committer.commitAsync(ranges);
            batchLog.record(time, counts);
        });
    }

    /** What the job needs from the Spark configuration, set before the context is created. */
    public static SparkConf configure(SparkConf conf) {
        return conf.set(COMPACTED, "false");
    }

    /**
     * Refuses, with one line naming the settings, to run with a W or L other than the one the state on alpha was
     * computed with: the procedure to change them is in streaming-job/README.md ("Changing W or L").
     */
    private static void checkRecordedSettings(JobSettings s) {
        String now = Provenance.settingsTag(s.analytics());
        RecordedSettings.of(s.kafkaClient(), s.outputTopic()).forEach((partition, recorded) -> {
            if (!recorded.equals(now)) {
                throw new SettingException("--window/--lateness", "'" + s.outputTopic() + "' holds state computed"
                        + " with " + recorded + " (partition " + partition + "), this run asks for " + now
                        + "; start with those values, or change them as streaming-job/README.md 'Changing W or L'"
                        + " says (bin/pipeline recompute)");
            }
        });
    }

    private static Map<String, Object> consumerParams(Options o) {
        Map<String, Object> p = new HashMap<>(o.settings().kafkaClient());
        KafkaClients.committedReads(p);   // transaction markers and aborted records are skipped, never input
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, o.group());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        return p;
    }

    /**
     * Snapshots belong to one pair of topics: under the state directory, a folder named by the Kafka topic ids of
     * the input and the output, so a re-created topic (offsets from 0 again) or another cluster never meets them.
     */
    private static Options scopeStateDir(Options o, String topicIds) {
        String base = o.settings().stateDir();
        if (base == null || base.isBlank()) {
            return o;
        }
        String dir = java.nio.file.Path.of(base).resolve(topicIds).toString();
        return new Options(o.settings().withStateDir(dir), o.inputTopic(), o.group(), o.batchInterval(),
                o.maxRatePerPartition());
    }

    /**
     * Fails with one clear line when the topics are missing or alpha has fewer partitions than readings; returns
     * the topic ids of input and output as {@code "<readingsId>_<alphaId>"}.
     */
    private static String checkTopics(Options o) {
        JobSettings s = o.settings();
        Map<String, Object> admin = new HashMap<>(s.kafkaClient());
        admin.put("request.timeout.ms", 15_000);
        admin.put("default.api.timeout.ms", 20_000);
        // READ readings (input) and the group's offsets; READ+WRITE alpha (output and the state rebuilt from it);
        // WRITE the dead letters; or one line naming what the broker refuses
        org.apache.kafka.common.acl.AclOperation read = org.apache.kafka.common.acl.AclOperation.READ;
        org.apache.kafka.common.acl.AclOperation write = org.apache.kafka.common.acl.AclOperation.WRITE;
        Map<String, java.util.Set<org.apache.kafka.common.acl.AclOperation>> needs = new java.util.LinkedHashMap<>();
        needs.put(o.inputTopic(), java.util.Set.of(read));
        needs.put(s.outputTopic(), java.util.Set.of(read, write));
        needs.merge(s.dlqTopic(), java.util.Set.of(write), (a, b) -> {
            java.util.Set<org.apache.kafka.common.acl.AclOperation> u = new java.util.HashSet<>(a);
            u.addAll(b);
            return u;
        });
        if (s.lateTopic() != null) {
            needs.merge(s.lateTopic(), java.util.Set.of(write), (a, b) -> {
                java.util.Set<org.apache.kafka.common.acl.AclOperation> u = new java.util.HashSet<>(a);
                u.addAll(b);
                return u;
            });
        }
        KafkaAccess.require(s.kafkaClient(), new KafkaAccess.Needs(
                needs, o.group(), java.util.Set.of(read)), 20);
        List<String> names = new java.util.ArrayList<>(List.of(o.inputTopic(), s.outputTopic(), s.dlqTopic()));
        if (s.lateTopic() != null) {
            names.add(s.lateTopic());
        }
        try (Admin client = Admin.create(admin)) {
            Map<String, TopicDescription> topics = client.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            int in = topics.get(o.inputTopic()).partitions().size();
            int out = topics.get(s.outputTopic()).partitions().size();
            if (out < in && !AlphaGrowth.ensure(s.kafkaClient(), s.outputTopic(), in, true)) {
                throw new SettingException("--output-topic", "'" + s.outputTopic() + "' has " + out
                        + " partitions but '" + o.inputTopic() + "' has " + in + "; it needs at least as many");
            }
            return topics.get(o.inputTopic()).topicId() + "_" + topics.get(s.outputTopic()).topicId();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                throw new ServiceException("Kafka at " + s.kafkaClient().get("bootstrap.servers") + " lacks a topic: "
                        + String.join(", ", names) + " must exist");
            }
            String refusal = KafkaRefusal.describe(e.getCause(), s.kafkaClient());
            throw new ServiceException(refusal != null ? refusal : "Kafka at " + s.kafkaClient().get("bootstrap.servers")
                    + ": " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ServiceException("Kafka at " + s.kafkaClient().get("bootstrap.servers")
                    + " did not answer within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while checking the topics");
        }
    }

    /** Blocks until the job stops; rethrows a batch failure. */
    public void awaitTermination() throws InterruptedException {
        ssc.awaitTermination();
    }

    /** Stops the streaming context, leaving the Spark context running (tests share it). */
    public void stop(boolean gracefully) {
        ssc.stop(false, gracefully);
    }

    /** Adds a listener of Spark's batch events (the metrics); may be called while the job runs. */
    public void addStreamingListener(org.apache.spark.streaming.scheduler.StreamingListener listener) {
        ssc.addStreamingListener(listener);
    }

    /** The per-batch log and its totals. */
    public MicroBatchLog batchLog() {
        return batchLog;
    }

    /**
     * A fixed per-partition rate limit (records/s), 0 meaning none, and with backpressure the {@link BatchSizer}'s
     * floor (records per partition and batch).
     */
    private static final class RateLimit extends PerPartitionConfig {
        private final long maxRate;
        private final BatchSizer sizer;

        RateLimit(long maxRate, BatchSizer sizer) {
            this.maxRate = maxRate;
            this.sizer = sizer;
        }

        @Override
        public long maxRatePerPartition(TopicPartition tp) {
            return maxRate;
        }

        @Override
        public long minRatePerPartition(TopicPartition tp) {
            return sizer == null ? 1 : sizer.floorPerPartition();
        }
    }
}
