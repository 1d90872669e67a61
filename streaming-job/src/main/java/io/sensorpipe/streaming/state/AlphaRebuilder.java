package io.sensorpipe.streaming.state;

import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.RecordVerdict;
import io.sensorpipe.common.RoomAnalytics;
import io.sensorpipe.common.config.KafkaClients;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a partition's analytics state from the derived records already in the same alpha partition that belong
 * to committed work ({@link CommittedOutput}): they are exactly the accepted readings (seq, ts, temperature) of the
 * input before the position the state is rebuilt for. Restoring never judges a reading again.
 */
public final class AlphaRebuilder {
    private static final Logger LOG = LoggerFactory.getLogger(AlphaRebuilder.class);

    private AlphaRebuilder() {
    }

    /**
     * Reads the alpha partition from its start to its current end into {@code state}, taking only the output of
     * input offsets below {@code committedBefore}; returns the records restored.
     */
    public static long rebuild(PartitionAnalytics state, Map<String, String> kafkaClient, String topic, int partition,
                               long committedBefore) {
        long started = System.nanoTime();
        TopicPartition tp = new TopicPartition(topic, partition);
        CommittedOutput filter = new CommittedOutput(committedBefore, Provenance.settingsTag(state.settings()));
        Map<CommittedOutput.Verdict, Long> counts = new EnumMap<>(CommittedOutput.Verdict.class);
        long unreadable = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafkaClient),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                    if (r.offset() >= end) {
                        break;
                    }
                    CommittedOutput.Verdict v = filter.judge(Provenance.of(r.headers()));
                    if (v == CommittedOutput.Verdict.OTHER_SETTINGS) {
                        throw new IllegalStateException(topic + "-" + partition + "@" + r.offset() + " was computed"
                                + " with " + Provenance.of(r.headers()).settings() + ", the job runs with "
                                + Provenance.settingsTag(state.settings()) + "; see streaming-job/README.md"
                                + " 'Changing W or L'");
                    }
                    counts.merge(v, 1L, Long::sum);
                    if (v != CommittedOutput.Verdict.TAKE) {
                        continue;
                    }
                    Decoded<RoomAnalytics> d = RecordVerdict.analytics(r.key(), r.value(), r.timestamp());
                    if (d.isOk()) {
                        state.restore(d.value());
                    } else {
                        unreadable++;
                    }
                }
            }
        }
        long taken = counts.getOrDefault(CommittedOutput.Verdict.TAKE, 0L) - unreadable;
        LOG.info("rebuilt state of {}-{} below input offset {} from {} derived records for {} rooms in {} ms"
                        + " (skipped: {} of uncommitted input, {} after a failed send of their attempt, {} without the"
                        + " job's provenance, {} unreadable)", topic, partition, committedBefore, taken, state.rooms(),
                (System.nanoTime() - started) / 1_000_000,
                counts.getOrDefault(CommittedOutput.Verdict.UNCOMMITTED, 0L),
                counts.getOrDefault(CommittedOutput.Verdict.BROKEN_ATTEMPT, 0L),
                counts.getOrDefault(CommittedOutput.Verdict.FOREIGN, 0L), unreadable);
        return taken;
    }

    private static Map<String, Object> consumerConfig(Map<String, String> kafkaClient) {
        Map<String, Object> c = new HashMap<>(kafkaClient);
        KafkaClients.committedReads(c);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "streaming-job-rebuild");
        return c;
    }
}
