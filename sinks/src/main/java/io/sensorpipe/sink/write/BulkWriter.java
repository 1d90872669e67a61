package io.sensorpipe.sink.write;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stores a batch of Kafka records: maps each one, writes the inserts with unordered bulk writes, retries transient
 * failures with backoff, and stores the dead letters. Returns only once MongoDB acknowledged everything. Mapping the
 * next chunk overlaps writing the current one, on one helper thread per writer; {@link #close()} stops it.
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
    private final WriteObserver observer;

    /** A writer for one sink's target collection, with its mapper thread ({@code <stage>-mapper}, a daemon). */
    public BulkWriter(MongoCollection<Document> target, MongoCollection<Document> deadLetters, RecordMapper mapper,
                       String stage, int bulkSize, Backoff backoff) {
        this(target, deadLetters, mapper, stage, bulkSize, backoff, WriteObserver.NONE);
    }

    /** The same, telling {@code observer} about every bulk write, stored document and retry (the metrics). */
    public BulkWriter(MongoCollection<Document> target, MongoCollection<Document> deadLetters, RecordMapper mapper,
                       String stage, int bulkSize, Backoff backoff, WriteObserver observer) {
        this.observer = observer;
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
    }

    /**
     * Writes the records; returns when MongoDB acknowledged all of them. The records are handled in chunks of
     * {@code bulkSize}: while the calling thread writes chunk k, the mapper thread maps chunk k+1 (mapping is a pure
     * function). Writes, retries, the pause callback and the dead letters stay on the calling thread; the dead
     * letters come in record order, the records rejected by the mapper first, then those MongoDB rejected.
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
                if (!chunk.inserts.isEmpty()) {
                    storeWithRetry(chunk.inserts, poisoned, tally, pause);
                }
            }
        } finally {
            if (ahead != null) {
                ahead.cancel(false);   // the batch failed: the chunk mapped ahead is not needed
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

    /** Stops the mapper thread; the writer must not be used afterwards. */
    @Override
    public void close() {
        mapperThread.shutdownNow();
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

    /** The chunk mapped ahead; an exception thrown by the mapper is rethrown as it is. */
    private static Chunk await(CompletableFuture<Chunk> chunk) {
        try {
            return chunk.join();
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

    private void storeWithRetry(List<Pending> chunk, List<DeadLetter> dead, Tally tally, RetryPause pause) {
        List<Pending> remaining = chunk;
        int attempt = 0;
        while (!remaining.isEmpty()) {
            try {
                remaining = attempt(remaining, dead, tally);
                if (remaining.isEmpty()) {
                    return;
                }
                attempt = retryOrAbandon(++attempt, remaining.size(), "some writes failed transiently", tally, pause);
            } catch (MongoException e) {   // the whole bulk write failed; per-record errors are settled in attempt()
                WriteFailure kind = ErrorClassifier.classify(e);
                if (kind != WriteFailure.TRANSIENT) {
                    throw new ServiceException(stage + ": MongoDB refused the writes: " + oneLine(e), e);
                }
                attempt = retryOrAbandon(++attempt, remaining.size(), oneLine(e), tally, pause);
            }
        }
    }

    /** One bulk write; returns the records to retry (transient per-record errors or a write concern error). */
    private List<Pending> attempt(List<Pending> batch, List<DeadLetter> dead, Tally tally) {
        List<WriteModel<Document>> models = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            models.add(p.write);
        }
        long start = System.nanoTime();
        try {
            tally.inserted += target.bulkWrite(models, UNORDERED).getInsertedCount();
            observed(batch, start, null);
            return List.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() == null) {
                // every insert without a write error was applied (counted here: not every server reports n correctly)
                tally.inserted += batch.size() - e.getWriteErrors().size();
                observed(batch, start, e);
            } else {
                observer.bulkWrite(System.nanoTime() - start, batch.size());
            }
            return settleErrors(batch, e, dead, tally);
        } catch (MongoException e) {
            observer.bulkWrite(System.nanoTime() - start, batch.size());
            throw e;
        }
    }

    /** Tells the observer about one bulk write and each document it newly stored (those without a write error). */
    private void observed(List<Pending> batch, long startNanos, MongoBulkWriteException partial) {
        observer.bulkWrite(System.nanoTime() - startNanos, batch.size());
        long ack = System.currentTimeMillis();
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

    private static final class Tally {
        long inserted;
        long duplicates;
        int retries;
    }
}
