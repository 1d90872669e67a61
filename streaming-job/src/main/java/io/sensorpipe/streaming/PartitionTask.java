package io.sensorpipe.streaming;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.LateReading;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RecordVerdict;
import io.sensorpipe.common.Rerouted;
import io.sensorpipe.streaming.analytics.Judgement;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import io.sensorpipe.streaming.output.AttemptOutput;
import io.sensorpipe.streaming.output.KafkaAttemptOutput;
import io.sensorpipe.streaming.state.PartitionStateStore;
import io.sensorpipe.streaming.state.Provenance;
import io.sensorpipe.streaming.state.Snapshots;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Processes one input partition of one batch on an executor: finds the partition's state (kept in this JVM, or
 * rebuilt from the committed output on alpha), judges, derives, sends derived records and dead letters, waits for
 * every acknowledgement, then keeps the state for the next batch.
 *
 * <p>When output fails (the broker away longer than the producer's delivery timeout, a full buffer, a JVM frozen
 * past the timeout), the attempt's state is thrown away and the whole range is done again, after a backoff, from
 * state rebuilt from committed output: the partition waits for Kafka, it never skips a record and never stops.
 */
final class PartitionTask {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionTask.class);
    private static final String STAGE = "streaming-job";
    /** Dead letters logged one by one per task; the rest are counted in the batch line. */
    private static final int LOGGED_DEAD_LETTERS = 5;
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** Output records between snapshots at least (besides the interval). */
    private static final long MIN_OUTPUT_BETWEEN_SNAPSHOTS = 5_000;
    /** A snapshot once the output since the last one exceeds this fraction of the readings the state holds. */
    private static final long STATE_FRACTION_BETWEEN_SNAPSHOTS = 8;
    /** Per partition, derived records written since this JVM's last snapshot of it. */
    private static final java.util.Map<String, Long> OUTPUT_SINCE_SNAPSHOT =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Per partition, when this JVM last wrote its snapshot. */
    private static final java.util.Map<String, Long> LAST_SNAPSHOT = new java.util.concurrent.ConcurrentHashMap<>();

    private final JobSettings settings;
    private final JobIo io;
    private final byte[] settingsTag;

    PartitionTask(JobSettings settings, JobIo io) {
        this.settings = settings;
        this.io = io;
        this.settingsTag = Provenance.settingsTag(settings.analytics()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs one task: the committed records of {@code range}, read here, when {@code records} is null; otherwise the
     * given records (all from one topic-partition, in offset order), and {@code range} may be null (a source
     * without offsets: the records' own offsets are the range). {@code topic} (null: none) says which partition owns
     * each room: readings of rooms owned elsewhere are rerouted there, and rooms that moved here are taken over.
     */
    MicroBatchCounts run(InputRange range, Iterator<InputRecord> records, InputPartitions topic) {
        List<InputRecord> batch = new ArrayList<>();   // kept for a repeat after failed output
        if (records == null) {
            batch.addAll(io.read(range));
        } else {
            records.forEachRemaining(batch::add);
        }
        if (range == null) {
            if (batch.isEmpty()) {
                return MicroBatchCounts.ZERO;
            }
            InputRecord first = batch.get(0);
            range = new InputRange(first.topic(), first.partition(), first.offset(),
                    batch.get(batch.size() - 1).offset() + 1);
        }
        if (batch.isEmpty()) {
            // only markers or aborted records: a state that continues here simply moves past them
            PartitionAnalytics state = PartitionStateStore.take(settings.stateScope(), range.topic(),
                    range.partition(), range.from());
            if (state != null) {
                PartitionStateStore.put(settings.stateScope(), range.topic(), range.partition(), range.until(), state);
            }
            return MicroBatchCounts.ZERO;
        }
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(range, batch, topic);
            } catch (KafkaAttemptOutput.OutputFailedException | KafkaException e) {
                LOG.warn("{}-{} offsets [{}, {}): attempt {} failed ({}); its output is not trusted, the state is"
                                + " rebuilt from committed output and the range done again in {} ms", range.topic(),
                        range.partition(), range.from(), range.until(), attempt, e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private MicroBatchCounts attempt(InputRange range, List<InputRecord> batch, InputPartitions topic) {
        int rebuilds = 0;
        PartitionAnalytics state = PartitionStateStore.take(settings.stateScope(), range.topic(), range.partition(),
                range.from());
        if (state == null) {
            // first batch, restart after a crash, failed task or partition moved here: the newest snapshot of
            // committed work plus the committed output after it hold the truth
            state = io.restore(range.topic(), range.partition(), range.from());
            rebuilds = 1;
        }
        if (topic != null && state.partitionCount() != topic.count()) {
            if (state.partitionCount() == 0 && io.outputSettledFor(range.topic(), topic.count())) {
                // rebuilt without a snapshot, and every room's history is on its own output partition: no take-over
                state.partitionCount(topic.count());
            } else {
                takeOver(state, range, topic);
            }
        }
        long duplicatesBefore = state.duplicates();
        long tooLateBefore = state.tooLate();
        AttemptOutput sender = io.attemptOutput();
        long attemptId = ThreadLocalRandom.current().nextLong();
        long index = 0;
        long derived = 0;
        long deadLetters = 0;
        long conflicting = 0;
        long outOfOrder = 0;
        long rerouted = 0;
        for (InputRecord r : batch) {
            if (sender.failed()) {
                break;   // the attempt is lost: nothing after the first failed send counts as done
            }
            Decoded<Reading> d = RecordVerdict.reading(r.key(), r.value(), r.timestamp());
            if (!d.isOk()) {
                sendDeadLetter(sender, r, d.reason(), deadLetters < LOGGED_DEAD_LETTERS);
                deadLetters++;
                continue;
            }
            int owner = topic == null ? r.partition() : topic.owner(r.key());
            if (owner != r.partition()) {
                // its room is judged on one partition, in that partition's order: written there, judged there
                sender.send(r.topic(), owner, null, r.key(), r.value(), Rerouted.header(r.partition(), r.offset()));
                rerouted++;
                continue;
            }
            DerivedRecord a = state.process(d.value());
            Judgement j = state.lastJudgement();
            if (j == Judgement.CONFLICTING_DUPLICATE) {
                conflicting++;
            } else if (j == Judgement.OUT_OF_ORDER) {
                outOfOrder++;
            }
            if (a == null && settings.lateTopic() != null && j.shown()) {
                sendLate(sender, r, d.value(), state.maxTs(d.value().roomId()), j);
            }
            if (a != null) {
                // same partition number as the input: room r's state and output live together (rebuild reads it);
                // the reading's own timestamp, so every reader of alpha judges it as the job did
                sender.send(settings.outputTopic(), r.partition(), r.timestamp() < 0 ? null : r.timestamp(),
                        r.key(), Codec.encode(a), Provenance.headers(r.offset(), attemptId, index++, settingsTag,
                                topic == null ? 0 : topic.count()));
                derived++;
            }
        }
        sender.awaitAcknowledged();
        if (rerouted > 0) {
            LOG.info("{}-{} offsets [{}, {}): {} readings of rooms owned by other partitions ({} partitions) written"
                    + " again to their rooms' partitions", range.topic(), range.partition(), range.from(),
                    range.until(), rerouted, topic.count());
        }
        state.outputPosition(sender.lastAcknowledgedOffset(settings.outputTopic()) + 1);
        PartitionStateStore.put(settings.stateScope(), range.topic(), range.partition(), range.until(), state);
        snapshotIfDue(range, state, derived);
        MicroBatchCounts.StateSize size = new MicroBatchCounts.StateSize(state.rooms(), state.heldReadings(),
                state.estimatedBytes());
        return new MicroBatchCounts(batch.size(), derived, state.duplicates() - duplicatesBefore, conflicting,
                outOfOrder, state.tooLate() - tooLateBefore, deadLetters, rebuilds,
                java.util.Map.of(range.topic() + "-" + range.partition(), size));
    }

    /**
     * Settles which rooms this partition owns with the topic's current partition count: every room that belongs here
     * now and has state on another partition (it moved when the topic grew) is taken over from that partition's
     * committed work at this batch's start, merged with what is here (a room returning keeps both histories). Runs once
     * per partition count (the count is kept with the state and in its snapshots); a state rebuilt without a snapshot
     * does it again, which is what makes a rebuild after a growth correct, unless every output partition begins with
     * records derived at the current count ({@link JobIo#outputSettledFor}: then no room has history elsewhere). The
     * state is then snapshotted at once.
     */
    private void takeOver(PartitionAnalytics state, InputRange range, InputPartitions topic) {
        long started = System.nanoTime();
        int taken = 0;
        List<Integer> from = new ArrayList<>();
        java.util.Collection<Integer> others = topic.count() == 1 ? List.of()
                : io.partitionsWithState(range.topic(), topic.from());
        for (int p : others) {
            if (p == range.partition()) {
                continue;
            }
            PartitionAnalytics other = io.restore(range.topic(), p, topic.from().get(p));
            int n = state.takeRooms(other, room -> topic.owner(room) == range.partition());
            if (n > 0) {
                taken += n;
                from.add(p);
            }
        }
        int before = state.partitionCount();
        state.partitionCount(topic.count());
        if (taken > 0 || before != 0) {
            LOG.info("{}-{}: {} has {} partitions (this state was settled for {}); took over {} rooms that belong here"
                            + " now from partitions {} in {} ms", range.topic(), range.partition(), range.topic(),
                    topic.count(), before == 0 ? "none" : before, taken, from,
                    (System.nanoTime() - started) / 1_000_000);
        }
        LAST_SNAPSHOT.remove(settings.stateScope() + "|" + range.topic() + "-" + range.partition());
    }

    /**
     * Writes a snapshot of the state after the range when the partition's last one is older than the interval, or
     * when more output than an eighth of the readings the state holds (at least {@value #MIN_OUTPUT_BETWEEN_SNAPSHOTS}
     * records) was written since: a restore then replays at most that much output plus one batch, whatever the rate
     * (a replayed record costs a restore about 20 times what a snapshot's reading does: fetched, its headers judged, its
     * JSON decoded), and the cost of a snapshot (the state's size) is spread over at least an eighth as many records.
     */
    private void snapshotIfDue(InputRange range, PartitionAnalytics state, long derived) {
        java.nio.file.Path dir = settings.stateDirPath();
        if (dir == null) {
            return;
        }
        String key = settings.stateScope() + "|" + range.topic() + "-" + range.partition();
        long now = System.nanoTime();
        long sinceLast = OUTPUT_SINCE_SNAPSHOT.merge(key, derived, Long::sum);
        Long last = LAST_SNAPSHOT.get(key);
        boolean old = last == null || now - last >= settings.snapshotMillis() * 1_000_000L;
        boolean much = sinceLast >= maxOutputBetweenSnapshots(state.heldReadings());
        if (!old && !much) {
            return;
        }
        LAST_SNAPSHOT.put(key, now);
        OUTPUT_SINCE_SNAPSHOT.put(key, 0L);
        try {
            long bytes = Snapshots.write(dir, range.topic(), range.partition(), range.until(), state);
            LOG.debug("snapshot of {}-{} at {}: {} bytes in {} ms", range.topic(), range.partition(), range.until(),
                    bytes, (System.nanoTime() - now) / 1_000_000);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("could not write the snapshot of {}-{} at {} to {} ({}); a restore uses an older one or the"
                    + " output", range.topic(), range.partition(), range.until(), dir, e.getMessage());
        }
    }

    /** Output records after which a partition holding {@code heldReadings} is snapshotted, whatever the interval. */
    private static long maxOutputBetweenSnapshots(long heldReadings) {
        return Math.max(MIN_OUTPUT_BETWEEN_SNAPSHOTS, heldReadings / STATE_FRACTION_BETWEEN_SNAPSHOTS);
    }

    /**
     * Publishes a too-late reading, a conflicting duplicate or an out-of-order reading on the late topic, with the
     * same discipline as every other output: acknowledged before the batch's input position moves; a replay publishes
     * it again and the late sink's _id makes that a no-op.
     */
    private void sendLate(AttemptOutput sender, InputRecord r, Reading reading, long maxTs, Judgement j) {
        String reason = switch (j) {
            case TOO_LATE -> LateReading.TOO_LATE;
            case CONFLICTING_DUPLICATE -> LateReading.CONFLICTING_DUPLICATE;
            default -> LateReading.OUT_OF_ORDER;
        };
        LateReading late = new LateReading(reading.roomId(), reading.seq(), reading.tsMillis(), reading.temperature(),
                maxTs, maxTs - reading.tsMillis(), settings.analytics().latenessMillis(), reason,
                r.topic(), r.partition(), r.offset());
        sender.send(settings.lateTopic(), null, null, r.key(), late.toJson());
    }

    private void sendDeadLetter(AttemptOutput sender, InputRecord r, String reason, boolean log) {
        if (log) {
            LOG.warn("dead letter {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
        }
        DeadLetter letter = DeadLetter.of(reason, STAGE, r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                System.currentTimeMillis());
        // the truncated key: a dead letter stays far below any producer or broker size limit
        sender.send(settings.dlqTopic(), null, null, letter.keyBytes(), letter.toJson());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to repeat a failed output", e);
        }
    }
}
