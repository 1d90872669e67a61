package io.sensorpipe.streaming.state;

import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.RecordVerdict;
import io.sensorpipe.common.config.KafkaClients;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores a partition's analytics state for an input position: from the newest state snapshot at or below it (if
 * there is one) plus the derived records that follow the snapshot in the same alpha partition, or else from the whole
 * alpha partition. Only output that belongs to committed work is taken ({@link CommittedOutput}): the derived records
 * are exactly the accepted readings (seq, ts, temperature). Restoring never judges a reading again.
 */
public final class AlphaRebuilder {
    private static final Logger LOG = LoggerFactory.getLogger(AlphaRebuilder.class);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private AlphaRebuilder() {
    }

    /**
     * The state of input partition {@code partition} of {@code inputTopic} after every input offset below
     * {@code committedBefore}; {@code stateDir} may be null (no snapshots).
     */
    public static PartitionAnalytics restore(AnalyticsSettings settings, Map<String, String> kafkaClient,
                                             String inputTopic, String outputTopic, int partition,
                                             long committedBefore, Path stateDir) {
        long started = System.nanoTime();
        LOG.info("restoring state of {}-{} for input offset {} ...", inputTopic, partition, committedBefore);
        Snapshots.Restored snapshot = stateDir == null ? null
                : Snapshots.newest(stateDir, inputTopic, partition, committedBefore, settings);
        PartitionAnalytics state = snapshot == null ? new PartitionAnalytics(settings) : snapshot.state();
        long snapshotMillis = (System.nanoTime() - started) / 1_000_000;
        long from = snapshot == null ? 0 : state.outputPosition();
        CommittedOutput filter = new CommittedOutput(snapshot == null ? Long.MIN_VALUE : snapshot.nextOffset(),
                committedBefore, Provenance.settingsTag(settings));
        Map<CommittedOutput.Verdict, Long> counts = replay(state, filter, kafkaClient, outputTopic, partition, from);
        long taken = counts.getOrDefault(CommittedOutput.Verdict.TAKE, 0L);
        LOG.info("restored state of {}-{} for input offset {} in {} ms: {}, then {} derived records from {}-{}@{}"
                        + " (skipped: {} in the snapshot, {} of uncommitted input, {} after a failed send of their"
                        + " attempt, {} without the job's provenance); {} rooms, {} readings held", inputTopic,
                partition, committedBefore, (System.nanoTime() - started) / 1_000_000,
                snapshot == null ? "no snapshot" : "snapshot of offset " + snapshot.nextOffset() + " (" + snapshot.bytes()
                        + " bytes, read in " + snapshotMillis + " ms)", taken, outputTopic, partition, from,
                counts.getOrDefault(CommittedOutput.Verdict.IN_SNAPSHOT, 0L),
                counts.getOrDefault(CommittedOutput.Verdict.UNCOMMITTED, 0L),
                counts.getOrDefault(CommittedOutput.Verdict.BROKEN_ATTEMPT, 0L),
                counts.getOrDefault(CommittedOutput.Verdict.FOREIGN, 0L), state.rooms(), state.heldReadings());
        return state;
    }

    /**
     * Of the given input partitions, those with a snapshot or with records on their output partition (one metadata
     * and one end-offsets request); all of them when Kafka cannot say.
     */
    public static java.util.Collection<Integer> partitionsWithState(Map<String, String> kafkaClient, String inputTopic,
                                                                    String outputTopic,
                                                                    java.util.Collection<Integer> partitions,
                                                                    Path stateDir) {
        java.util.List<Integer> with = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafkaClient),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            java.util.Set<Integer> existing = new java.util.HashSet<>();
            consumer.partitionsFor(outputTopic, Duration.ofSeconds(30)).forEach(i -> existing.add(i.partition()));
            java.util.List<TopicPartition> tps = partitions.stream().filter(existing::contains)
                    .map(p -> new TopicPartition(outputTopic, p)).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
            for (int p : partitions) {
                Long end = ends.get(new TopicPartition(outputTopic, p));
                if ((end != null && end > 0) || (stateDir != null && Snapshots.any(stateDir, inputTopic, p))) {
                    with.add(p);
                }
            }
            return with;
        } catch (RuntimeException e) {
            LOG.warn("could not tell which partitions of {} have state ({}); restoring each", outputTopic,
                    e.getMessage());
            return partitions;
        }
    }

    /** Records looked at per output partition for the first one with the job's provenance. */
    private static final int FIRST_RECORD_SCAN = 1_000;

    /**
     * Whether a state rebuilt from its own output partition is complete at input partition count {@code partitions}
     * ({@link Provenance#settledFor}): reads the first records of every output partition (one small fetch each).
     * False when Kafka cannot say or a partition begins with records of unknown count (an older build's).
     */
    public static boolean outputSettledFor(Map<String, String> kafkaClient, String outputTopic, int partitions) {
        Map<String, Object> config = consumerConfig(kafkaClient);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(64 * 1024));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> all = consumer.partitionsFor(outputTopic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(outputTopic, i.partition())).toList();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(all, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = consumer.endOffsets(all, Duration.ofSeconds(30));
            java.util.Set<TopicPartition> open = new java.util.HashSet<>();
            all.forEach(tp -> {
                if (ends.get(tp) > starts.get(tp)) {
                    open.add(tp);
                }
            });
            Map<TopicPartition, org.apache.kafka.common.header.Headers> first = new HashMap<>();
            consumer.assign(open);
            consumer.seekToBeginning(open);
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (open.contains(tp) && Provenance.of(r.headers()) != null) {
                        first.put(tp, r.headers());
                        open.remove(tp);
                    } else if (open.contains(tp) && r.offset() - starts.get(tp) >= FIRST_RECORD_SCAN) {
                        first.put(tp, null);   // only foreign records at its start: cannot tell
                        open.remove(tp);
                    }
                }
                for (java.util.Iterator<TopicPartition> it = open.iterator(); it.hasNext(); ) {
                    TopicPartition tp = it.next();
                    if (consumer.position(tp) >= ends.get(tp)) {
                        it.remove();   // nothing of the job's readable on it (aborted or foreign records only)
                    }
                }
                consumer.pause(first.keySet());
            }
            return Provenance.settledFor(first.values(), partitions);
        } catch (RuntimeException e) {
            LOG.warn("could not read the first records of {} ({}); rebuilt states take rooms over from every"
                    + " partition", outputTopic, e.getMessage());
            return false;
        }
    }

    private static Map<CommittedOutput.Verdict, Long> replay(PartitionAnalytics state, CommittedOutput filter,
                                                            Map<String, String> kafkaClient, String topic,
                                                            int partition, long from) {
        TopicPartition tp = new TopicPartition(topic, partition);
        Map<CommittedOutput.Verdict, Long> counts = new EnumMap<>(CommittedOutput.Verdict.class);
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafkaClient),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);   // before the log start (retention): the reset goes to the earliest offset
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long first = Math.min(consumer.position(tp), end);
            long lastLog = started;
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                    if (r.offset() >= end) {
                        break;
                    }
                    take(state, filter, counts, r, topic, partition);
                }
                if (System.nanoTime() - lastLog > PROGRESS_EVERY_NANOS) {
                    lastLog = System.nanoTime();
                    long done = consumer.position(tp) - first;
                    double seconds = (lastLog - started) / 1e9;
                    LOG.info("restoring {}-{}: {} of {} records ({} %), {} records/s, {} s", topic, partition, done,
                            end - first, end == first ? 100 : 100 * done / (end - first), (long) (done / seconds),
                            (long) seconds);
                }
            }
            state.outputPosition(end);
        }
        return counts;
    }

    private static void take(PartitionAnalytics state, CommittedOutput filter, Map<CommittedOutput.Verdict, Long> counts,
                             ConsumerRecord<byte[], byte[]> r, String topic, int partition) {
        Provenance p = Provenance.of(r.headers());
        CommittedOutput.Verdict v = filter.judge(p);
        if (v == CommittedOutput.Verdict.OTHER_SETTINGS) {
            throw new IllegalStateException(topic + "-" + partition + "@" + r.offset() + " was computed with "
                    + p.settings() + ", the job runs with " + Provenance.settingsTag(state.settings())
                    + "; see streaming-job/README.md 'Changing W or L'");
        }
        if (v == CommittedOutput.Verdict.TAKE) {
            Decoded<DerivedRecord> d = RecordVerdict.analytics(r.key(), r.value(), r.timestamp());
            if (!d.isOk()) {
                v = CommittedOutput.Verdict.FOREIGN;
            } else {
                state.restore(d.value());
            }
        }
        counts.merge(v, 1L, Long::sum);
    }

    private static Map<String, Object> consumerConfig(Map<String, String> kafkaClient) {
        Map<String, Object> c = new HashMap<>(kafkaClient);
        KafkaClients.committedReads(c);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "streaming-job-rebuild");
        return c;
    }
}
