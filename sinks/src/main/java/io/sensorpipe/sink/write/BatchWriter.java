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

/**
 * Stores a batch of Kafka records: maps each one, writes the inserts with unordered bulk writes, retries transient
 * failures with backoff, and stores the dead letters. Returns only once MongoDB acknowledged everything.
 */
public final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> target;
    private final MongoCollection<Document> deadLetters;
    private final RecordMapper mapper;
    private final String stage;
    private final int bulkSize;
    private final Backoff backoff;

    /** A writer for one sink's target collection. */
    public BatchWriter(MongoCollection<Document> target, MongoCollection<Document> deadLetters, RecordMapper mapper,
                       String stage, int bulkSize, Backoff backoff) {
        this.target = target;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.stage = stage;
        this.bulkSize = bulkSize;
        this.backoff = backoff;
    }

    /**
     * Writes the records; returns when MongoDB acknowledged all of them.
     *
     * @throws BatchAbandonedException when {@code pause} says to give up during a retry
     * @throws ServiceException        when the database refuses the work for good (e.g. not authorised)
     */
    public BatchOutcome write(List<ConsumerRecord<byte[], byte[]>> records, RetryPause pause) {
        long now = System.currentTimeMillis();
        List<Pending> inserts = new ArrayList<>(records.size());
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Mapped m = mapper.createWriteModel(r, now);
            if (m.isWrite()) {
                inserts.add(new Pending(r, m.write()));
            } else {
                LOG.warn("{}: rejected {}:{}:{}: {}", stage, r.topic(), r.partition(), r.offset(), m.deadLetter().reason());
                dead.add(m.deadLetter());
            }
        }
        Tally tally = new Tally();
        for (int from = 0; from < inserts.size(); from += bulkSize) {
            List<Pending> chunk = inserts.subList(from, Math.min(inserts.size(), from + bulkSize));
            storeWithRetry(chunk, dead, tally, pause);
        }
        if (!dead.isEmpty()) {
            storeDeadLetters(dead, tally, pause);
        }
        return new BatchOutcome(tally.inserted, tally.duplicates, dead.size(), tally.retries);
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
        try {
            tally.inserted += target.bulkWrite(models, UNORDERED).getInsertedCount();
            return List.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() == null) {
                // every insert without a write error was applied (counted here: not every server reports n correctly)
                tally.inserted += batch.size() - e.getWriteErrors().size();
            }
            return settleErrors(batch, e, dead, tally);
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
        String reason = "rejected by MongoDB (code " + err.getCode() + "): " + err.getMessage();
        LOG.warn("{}: rejected {}:{}:{}: {}", stage, r.topic(), r.partition(), r.offset(), reason);
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
        if (!pause.await(delay)) {
            throw new BatchAbandonedException(stage + ": batch abandoned during retry " + attempt);
        }
        return attempt;
    }

    private static String oneLine(MongoException e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private record Pending(ConsumerRecord<byte[], byte[]> record, WriteModel<Document> write) {
    }

    private static final class Tally {
        long inserted;
        long duplicates;
        int retries;
    }
}
