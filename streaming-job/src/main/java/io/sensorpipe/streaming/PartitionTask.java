package io.sensorpipe.streaming;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RoomAnalytics;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import io.sensorpipe.streaming.output.AlphaProducer;
import io.sensorpipe.streaming.output.BatchSender;
import io.sensorpipe.streaming.state.AlphaRebuilder;
import io.sensorpipe.streaming.state.PartitionStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Processes one input partition of one batch on an executor: finds the partition's state (kept in this JVM, or
 * rebuilt from alpha), decodes, derives, sends derived records and dead letters, waits for every acknowledgement,
 * then keeps the state for the next batch.
 */
final class PartitionTask {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionTask.class);
    private static final String STAGE = "streaming-job";
    /** Dead letters logged one by one per task; the rest are counted in the batch line. */
    private static final int LOGGED_DEAD_LETTERS = 5;

    private final JobSettings settings;

    PartitionTask(JobSettings settings) {
        this.settings = settings;
    }

    /** Runs the partition's records (all from one topic-partition, in offset order). */
    BatchCounts run(Iterator<InputRecord> records) {
        if (!records.hasNext()) {
            return BatchCounts.ZERO;
        }
        InputRecord first = records.next();
        int rebuilds = 0;
        PartitionAnalytics state = PartitionStateStore.take(settings.stateScope(), first.topic(), first.partition(),
                first.offset());
        if (state == null) {
            // first batch, restart after a crash, failed task or partition moved here: alpha holds the truth
            state = new PartitionAnalytics(settings.analytics());
            AlphaRebuilder.rebuild(state, settings.kafkaClient(), settings.outputTopic(), first.partition());
            rebuilds = 1;
        }
        long duplicatesBefore = state.duplicates();
        long tooLateBefore = state.tooLate();
        BatchSender sender = new BatchSender(AlphaProducer.get(settings.kafkaClient()));
        long in = 0;
        long derived = 0;
        long deadLetters = 0;
        long lastOffset = first.offset();
        for (InputRecord r = first; r != null; r = records.hasNext() ? records.next() : null) {
            in++;
            lastOffset = r.offset();
            Decoded<Reading> d = Codec.decodeReading(r.value());
            if (!d.isOk()) {
                sendDeadLetter(sender, r, d.reason(), deadLetters < LOGGED_DEAD_LETTERS);
                deadLetters++;
                continue;
            }
            RoomAnalytics a = state.process(d.value());
            if (a != null) {
                // same partition number as the input: room r's state and output live together (rebuild reads it)
                sender.send(settings.outputTopic(), r.partition(), a.roomId().getBytes(StandardCharsets.UTF_8),
                        Codec.encode(a));
                derived++;
            }
        }
        sender.awaitAcknowledged();
        PartitionStateStore.put(settings.stateScope(), first.topic(), first.partition(), lastOffset + 1, state);
        return new BatchCounts(in, derived, state.duplicates() - duplicatesBefore, state.tooLate() - tooLateBefore,
                deadLetters, rebuilds);
    }

    private void sendDeadLetter(BatchSender sender, InputRecord r, String reason, boolean log) {
        if (log) {
            LOG.warn("dead letter {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
        }
        DeadLetter letter = DeadLetter.of(reason, STAGE, r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                System.currentTimeMillis());
        sender.send(settings.dlqTopic(), null, r.key(), letter.toJson());
    }
}
