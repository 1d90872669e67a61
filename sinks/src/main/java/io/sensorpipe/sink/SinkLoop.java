package io.sensorpipe.sink;

import io.sensorpipe.sink.write.BulkAbandonedException;
import io.sensorpipe.sink.write.BulkOutcome;
import io.sensorpipe.sink.write.BulkWriter;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The consumer loop of one sink: poll a batch, have it written, commit its offsets only after MongoDB acknowledged
 * it. While a batch waits for a retry, its partitions are paused and the consumer keeps polling, so the group
 * membership stays alive; a rebalance during that wait abandons the batch without committing it.
 */
final class SinkLoop implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final BulkWriter writer;
    private final SinkConfig config;
    private final SinkCounters counters;
    private final ProgressLog progress;
    private final SinkHealth health;
    private long lastLagNanos;
    private volatile boolean stopping;
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private boolean batchInFlight;
    private boolean revokedDuringBatch;

    SinkLoop(Consumer<byte[], byte[]> consumer, BulkWriter writer, SinkConfig config, SinkCounters counters,
             SinkHealth health) {
        this.health = health;
        this.consumer = consumer;
        this.writer = writer;
        this.config = config;
        this.counters = counters;
        this.progress = new ProgressLog(config.kind().stage(), config.progressInterval());
    }

    /** Asks the loop to finish its current batch, commit and return. */
    void stop() {
        stopping = true;
    }

    /** Runs until stopped; closes the consumer. */
    void run() {
        consumer.subscribe(List.of(config.kind().topic()), this);
        try {
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    counters.markFirstBatch();
                    process(records);
                }
                health.heartbeat().beat();
                if (System.nanoTime() - lastLagNanos >= 1_000_000_000L) {
                    lastLagNanos = System.nanoTime();
                    health.lag(partitionLag());   // for the metrics, once a second
                }
                if (progress.due()) {
                    counters.setLag(lag());
                    progress.report(counters);
                }
            }
        } finally {
            commitAcknowledged();
            counters.setLag(lag());
            progress.summary(counters);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> batch = toList(records);
        batchInFlight = true;
        revokedDuringBatch = false;
        try {
            BulkOutcome outcome = writer.write(batch, this::pauseWhileWaiting);
            counters.add(outcome);
            nextOffsets(batch).forEach(uncommitted::put);   // later offsets replace earlier ones
            commitAcknowledged();
        } catch (BulkAbandonedException e) {
            LOG.warn("{}; its records will be read again", e.getMessage());
            rewind(batch);
        } finally {
            batchInFlight = false;
            consumer.resume(consumer.paused());
        }
    }

    /** Waits for a retry while polling paused partitions; false when the batch must be abandoned. */
    private boolean pauseWhileWaiting(long millis) {
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!stopping && !revokedDuringBatch) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return true;
            }
            ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ofMillis(Math.min(left, 200)));
            if (!unexpected.isEmpty()) {
                rewind(toList(unexpected));   // a partition assigned meanwhile: read it after this batch
            }
        }
        return false;
    }

    /**
     * Commits the offsets of every batch MongoDB acknowledged. A commit that times out is kept and sent again with
     * the next batch (offsets only grow); one refused after a rebalance is dropped: the new owner re-reads records
     * that are already stored, which writes nothing new.
     */
    private void commitAcknowledged() {
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(new HashMap<>(uncommitted));
            uncommitted.clear();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn("{}: commit refused after a rebalance ({}); the new owner re-reads records already stored",
                    config.kind().stage(), e.getClass().getSimpleName());
            uncommitted.clear();
        } catch (TimeoutException e) {
            LOG.warn("{}: offset commit timed out; retried with the next batch", config.kind().stage());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        return next;
    }

    /** Moves each still-assigned partition back to the first offset of the batch. */
    private void rewind(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach((tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    private static List<ConsumerRecord<byte[], byte[]>> toList(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    private long lag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isEmpty()) {
                return -1;
            }
            total += l.getAsLong();
        }
        return total;
    }

    /** The lag of each held partition whose lag the consumer knows. */
    private Map<TopicPartition, Long> partitionLag() {
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(l -> lag.put(tp, l));
        }
        return lag;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.info("{}: partitions revoked {}{}", config.kind().stage(), partitions,
                    batchInFlight ? " during a batch: abandoning it uncommitted" : "");
            revokedDuringBatch |= batchInFlight;
            health.assigned(consumer.assignment().size() - partitions.size());
            commitAcknowledged();   // what was acknowledged before the batch in flight
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.info("{}: partitions assigned {}", config.kind().stage(), partitions);
        health.assigned(consumer.assignment().size());
        if (batchInFlight) {
            consumer.pause(partitions);   // nothing new is read until the waiting batch is settled
        }
    }
}
