package io.sensorpipe.sink.write;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.config.ServiceException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores a batch of Kafka records: maps each one, writes the inserts with unordered bulk writes, retries transient
 * failures with backoff, and stores the dead letters. Returns only once MongoDB acknowledged everything. Mapping the
 * next chunk overlaps writing the current one, on one helper thread per writer; with {@code writesInFlight} above 1,
 * up to that many chunks' bulk writes are in flight at once, each on its own writer thread. {@link #close()} stops the
 * helper threads.
 */
public final class BulkWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> target;
    private final MongoCollection<Document> deadLetters;
    private final RecordMapper mapper;
    private final String stage;
    private final int bulkSize;
    private final Backoff backoff;
    private final ExecutorService mapperThread;
    /** The threads that send the bulk writes when more than one is in flight; null: the calling thread sends them. */
    private final ExecutorService writerThreads;
    private final int writesInFlight;
    private final WriteObserver observer;

    /**
     * A writer for one sink's target collection, one bulk write at a time, with its mapper thread ({@code
     * <stage>-mapper}, a daemon).
     */
    public BulkWriter(MongoCollection<Document> target, MongoCollection<Document> deadLetters, RecordMapper mapper,
                       String stage, int bulkSize, Backoff backoff) {
        this(target, deadLetters, mapper, stage, bulkSize, backoff, 1, WriteObserver.NONE);
    }

    /**
     * The same with up to {@code writesInFlight} bulk writes in flight at once (1: one at a time, on the calling
     * thread; more: on as many daemon threads {@code <stage>-writer-N}), telling {@code observer} about every bulk
     * write, stored document and retry (the metrics).
     */
    public BulkWriter(MongoCollection<Document> target, MongoCollection<Document> deadLetters, RecordMapper mapper,
                       String stage, int bulkSize, Backoff backoff, int writesInFlight, WriteObserver observer) {
        if (writesInFlight < 1) {
            throw new IllegalArgumentException("writesInFlight must be at least 1, got " + writesInFlight);
        }
        this.observer = observer;
        this.writesInFlight = writesInFlight;
        this.target = target;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.stage = stage;
        this.bulkSize = bulkSize;
        this.backoff = backoff;
        this.mapperThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, stage + "-mapper");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger writers = new AtomicInteger();
        this.writerThreads = writesInFlight == 1 ? null : Executors.newFixedThreadPool(writesInFlight, r -> {
            Thread t = new Thread(r, stage + "-writer-" + writers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Writes the records; returns when MongoDB acknowledged all of them. The records are handled in chunks of
     * {@code bulkSize}: while chunk k is written, the mapper thread maps chunk k+1 (mapping is a pure function). Up to
     * {@code writesInFlight} chunks' first bulk writes are sent before the oldest one is settled; chunks are settled
     * one at a time in record order on the calling thread: results, retries, the pause callback, the observer and the
     * dead letters stay there, so the outcome and the dead letters are the same as one write at a time. The dead
     * letters come in record order, the records rejected by the mapper first, then those MongoDB rejected. When the
     * batch fails (abandoned, refused, a mapping error), the writes still in flight are waited for before this
     * returns: no write of a failed batch outlives the call.
     *
     * @throws BulkAbandonedException when {@code pause} says to give up during a retry
     * @throws ServiceException        when the database refuses the work for good (e.g. not authorised)
     */
    public BulkOutcome write(List<ConsumerRecord<byte[], byte[]>> records, RetryPause pause) {
        long now = System.currentTimeMillis();
        List<DeadLetter> rejected = new ArrayList<>();
        List<DeadLetter> poisoned = new ArrayList<>();
        Tally tally = new Tally();
        CompletableFuture<Chunk> ahead = null;
        Deque<InFlight> window = new ArrayDeque<>(writesInFlight);
        java.util.Set<Object> ids = new java.util.HashSet<>();
        try {
            for (int from = 0; from < records.size(); from += bulkSize) {
                CompletableFuture<Chunk> current = ahead;
                int following = from + bulkSize;
                ahead = following < records.size()
                        ? CompletableFuture.supplyAsync(() -> map(records, following, now), mapperThread)
                        : null;
                // the first chunk is mapped here, alongside the second one on the mapper thread
                Chunk chunk = current == null ? map(records, from, now) : await(current);
                for (DeadLetter d : chunk.rejected) {
                    LOG.warn("{}: rejected {}:{}:{}: {}", stage, d.topic(), d.partition(), d.offset(), d.reason());
                    rejected.add(d);
                }
                List<Pending> inserts = firstCopies(chunk.inserts, ids, tally);
                if (!inserts.isEmpty()) {
                    window.add(new InFlight(inserts, send(inserts)));
                }
                if (window.size() >= writesInFlight) {
                    settleWithRetry(window.remove(), poisoned, tally, pause);
                }
            }
            while (!window.isEmpty()) {
                settleWithRetry(window.remove(), poisoned, tally, pause);
            }
        } finally {
            if (ahead != null) {
                ahead.cancel(false);   // the batch failed: the chunk mapped ahead is not needed
            }
            for (InFlight unsettled : window) {
                unsettled.attempt.handle((a, e) -> null).join();   // the batch failed: let its writes finish
            }
        }
        List<DeadLetter> dead = new ArrayList<>(rejected);
        dead.addAll(poisoned);
        if (!dead.isEmpty()) {
            storeDeadLetters(dead, tally, pause);
        }
        observer.settled();
        return new BulkOutcome(tally.inserted, tally.duplicates, dead.size(), tally.retries);
    }

    /**
     * The inserts of a chunk whose _id no earlier record of the batch had: a later copy of a document (a re-sent
     * reading, a replay) is a duplicate, counted here and never sent. Why: with several bulk writes in flight, or
     * inside one unordered bulk write, a later copy could otherwise be applied first, and the stored document would
     * carry its coordinates instead of the first copy's (verify replays the readings in that order). Upserts (a
     * rerouted reading's copy, which sets where the reading joined its room's order) are always sent.
     */
    private static List<Pending> firstCopies(List<Pending> inserts, java.util.Set<Object> ids, Tally tally) {
        List<Pending> first = new ArrayList<>(inserts.size());
        for (Pending p : inserts) {
            if (p.write instanceof InsertOneModel<Document> insert && !ids.add(insert.getDocument().get("_id"))) {
                tally.duplicates++;
            } else {
                first.add(p);
            }
        }
        return first;
    }

    /** Stops the mapper and writer threads; the writer must not be used afterwards. */
    @Override
    public void close() {
        mapperThread.shutdownNow();
        if (writerThreads != null) {
            writerThreads.shutdownNow();
        }
    }

    /** Maps the chunk of records starting at {@code from}: a pure function, run on either thread. */
    private Chunk map(List<ConsumerRecord<byte[], byte[]>> records, int from, long now) {
        int to = Math.min(records.size(), from + bulkSize);
        List<Pending> inserts = new ArrayList<>(to - from);
        List<DeadLetter> rejected = new ArrayList<>(0);
        for (ConsumerRecord<byte[], byte[]> r : records.subList(from, to)) {
            Mapped m = mapper.createWriteModel(r, now);
            if (m.isWrite()) {
                inserts.add(new Pending(r, m.write()));
            } else {
                rejected.add(m.deadLetter());
            }
        }
        return new Chunk(inserts, rejected);
    }

    /** The value of a future; an exception thrown by the mapper or a writer thread is rethrown as it is. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Settles one chunk: takes the result of its bulk write, sends again (after the backoff pause) what failed
     * transiently, until MongoDB acknowledged every document of the chunk.
     */
    private void settleWithRetry(InFlight chunk, List<DeadLetter> dead, Tally tally, RetryPause pause) {
        List<Pending> remaining = chunk.pending;
        CompletableFuture<Attempt> attempt = chunk.attempt;
        int retry = 0;
        while (true) {
            Attempt result = await(attempt);
            String why;
            if (result.failure == null || result.failure instanceof MongoBulkWriteException) {
                remaining = settle(remaining, result, dead, tally);
                if (remaining.isEmpty()) {
                    return;
                }
                why = "some writes failed transiently";
            } else {   // the whole bulk write failed; per-record errors are settled in settle()
                observer.bulkWrite(result.nanos, remaining.size());
                if (ErrorClassifier.classify(result.failure) != WriteFailure.TRANSIENT) {
                    throw new ServiceException(stage + ": MongoDB refused the writes: " + oneLine(result.failure),
                            result.failure);
                }
                why = oneLine(result.failure);
            }
            retry = retryOrAbandon(++retry, remaining.size(), why, tally, pause);
            attempt = send(remaining);
        }
    }

    /** Sends one bulk write: on a writer thread when more than one may be in flight, else here and now. */
    private CompletableFuture<Attempt> send(List<Pending> batch) {
        List<WriteModel<Document>> models = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            models.add(p.write);
        }
        return writerThreads == null ? CompletableFuture.completedFuture(bulkWrite(models))
                : CompletableFuture.supplyAsync(() -> bulkWrite(models), writerThreads);
    }

    /** The bulk write itself, and nothing else: its result or the MongoDB error, with its duration. */
    private Attempt bulkWrite(List<WriteModel<Document>> models) {
        long start = System.nanoTime();
        try {
            BulkWriteResult result = target.bulkWrite(models, UNORDERED);
            return new Attempt(result, null, System.nanoTime() - start, System.currentTimeMillis());
        } catch (MongoException e) {
            return new Attempt(null, e, System.nanoTime() - start, System.currentTimeMillis());
        }
    }

    /** The outcome of one bulk write; returns the records to retry (transient per-record errors or a write concern error). */
    private List<Pending> settle(List<Pending> batch, Attempt result, List<DeadLetter> dead, Tally tally) {
        if (result.failure == null) {
            tally.inserted += result.result.getInsertedCount() + result.result.getUpserts().size();
            observed(batch, result, null);
            return List.of();
        }
        MongoBulkWriteException e = (MongoBulkWriteException) result.failure;
        if (e.getWriteConcernError() == null) {
            // every insert without a write error was applied (counted here: not every server reports n correctly)
            tally.inserted += newlyStored(batch, e);
            observed(batch, result, e);
        } else {
            observer.bulkWrite(result.nanos, batch.size());
        }
        return settleErrors(batch, e, dead, tally);
    }

    /** Documents a partly failed bulk write stored: inserts without a write error, plus upserts that inserted. */
    private static long newlyStored(List<Pending> batch, MongoBulkWriteException e) {
        boolean[] failed = new boolean[batch.size()];
        for (BulkWriteError err : e.getWriteErrors()) {
            failed[err.getIndex()] = true;
        }
        long n = e.getWriteResult().getUpserts().size();
        for (int i = 0; i < batch.size(); i++) {
            if (!failed[i] && batch.get(i).write instanceof InsertOneModel) {
                n++;
            }
        }
        return n;
    }

    /** Tells the observer about one bulk write and each document it newly stored (those without a write error). */
    private void observed(List<Pending> batch, Attempt result, MongoBulkWriteException partial) {
        observer.bulkWrite(result.nanos, batch.size());
        long ack = result.ackMillis;
        boolean[] failed = new boolean[batch.size()];
        if (partial != null) {
            for (BulkWriteError err : partial.getWriteErrors()) {
                failed[err.getIndex()] = true;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            if (!failed[i] && batch.get(i).write instanceof InsertOneModel<Document> insert) {
                observer.stored(insert.getDocument(), ack);
            }
        }
    }

    private List<Pending> settleErrors(List<Pending> batch, MongoBulkWriteException e, List<DeadLetter> dead,
                                       Tally tally) {
        boolean[] failed = new boolean[batch.size()];
        List<Pending> retry = new ArrayList<>();
        for (BulkWriteError err : e.getWriteErrors()) {
            Pending p = batch.get(err.getIndex());
            failed[err.getIndex()] = true;
            switch (ErrorClassifier.classify(err)) {
                case DUPLICATE -> tally.duplicates++;
                case TRANSIENT -> retry.add(p);
                case POISON -> dead.add(poison(p.record, err));
                case FATAL -> throw new ServiceException(stage + ": MongoDB refused the writes: " + err.getMessage(), e);
            }
        }
        if (e.getWriteConcernError() != null) {
            // the writes were applied but not acknowledged as asked: write the rest again, duplicates are harmless
            for (int i = 0; i < batch.size(); i++) {
                if (!failed[i]) {
                    retry.add(batch.get(i));
                }
            }
        }
        return retry;
    }

    private DeadLetter poison(ConsumerRecord<byte[], byte[]> r, BulkWriteError err) {
        String rules = ValidationDetails.summarize(err.getDetails());
        String reason = "rejected by MongoDB (code " + err.getCode() + "): " + err.getMessage()
                + (rules.isEmpty() ? "" : ": " + rules);
        boolean details = err.getDetails() != null && !err.getDetails().isEmpty();
        LOG.warn("{}: rejected {}:{}:{}: {}{}", stage, r.topic(), r.partition(), r.offset(), reason,
                details ? " (errInfo " + err.getDetails().toJson() + ")" : "");
        return RecordMapper.deadLetter(reason, stage, r, System.currentTimeMillis());
    }

    private void storeDeadLetters(List<DeadLetter> dead, Tally tally, RetryPause pause) {
        List<WriteModel<Document>> models = new ArrayList<>(dead.size());
        for (DeadLetter d : dead) {
            models.add(new InsertOneModel<>(Documents.deadLetter(d)));
        }
        int attempt = 0;
        while (true) {
            try {
                deadLetters.bulkWrite(models, UNORDERED);
                return;
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError err : e.getWriteErrors()) {
                    if (ErrorClassifier.classify(err) != WriteFailure.DUPLICATE) {
                        throw new ServiceException(stage + ": cannot store a dead letter: " + err.getMessage(), e);
                    }
                }
                return;   // already stored by an earlier attempt or a replay
            } catch (MongoException e) {
                if (ErrorClassifier.classify(e) != WriteFailure.TRANSIENT) {
                    throw new ServiceException(stage + ": cannot store dead letters: " + oneLine(e), e);
                }
                attempt = retryOrAbandon(++attempt, models.size(), oneLine(e), tally, pause);
            }
        }
    }

    private int retryOrAbandon(int attempt, int pending, String why, Tally tally, RetryPause pause) {
        long delay = backoff.delayMillis(attempt);
        LOG.warn("{}: MongoDB write failed ({}); {} documents pending, nothing committed; retry {} in {} ms",
                stage, why, pending, attempt, delay);
        tally.retries++;
        observer.retrying(delay);
        if (!pause.await(delay)) {
            throw new BulkAbandonedException(stage + ": batch abandoned during retry " + attempt);
        }
        return attempt;
    }

    private static String oneLine(MongoException e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    /** One chunk of records, mapped: the inserts in record order and the records the mapper rejected. */
    private record Chunk(List<Pending> inserts, List<DeadLetter> rejected) {
    }

    private record Pending(ConsumerRecord<byte[], byte[]> record, WriteModel<Document> write) {
    }

    /** A chunk whose bulk write was sent: its documents, in order, and the write's outcome to come. */
    private record InFlight(List<Pending> pending, CompletableFuture<Attempt> attempt) {
    }

    /**
     * What one bulk write returned.
     *
     * @param result    the acknowledged result, or null when it failed
     * @param failure   the error (a {@link MongoBulkWriteException} for per-record errors), or null
     * @param nanos     how long the call took
     * @param ackMillis wall-clock time of the answer
     */
    private record Attempt(BulkWriteResult result, MongoException failure, long nanos, long ackMillis) {
    }

    private static final class Tally {
        long inserted;
        long duplicates;
        int retries;
    }
}
