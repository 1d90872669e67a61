package io.sensorpipe.reliability.traffic;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.NetPromise;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 1: transactional writes to {@code readings} (committed and aborted, interleaved with plain writes)
 * while the job and both sinks run. Transaction markers leave offset gaps and aborted records must never count:
 * the job keeps running, nothing of an aborted transaction is stored or derived, and the net promise holds.
 */
@WithStack("transactional-input")
class TransactionalInputIntegrationTest {
    private static final int ROUNDS = 8;
    private static final int PER_ROUND = 150;
    /** Aborted readings carry seqs far above the committed ones: if one were taken, later readings would be dups. */
    private static final long ABORTED_SEQ_BASE = 1_000_000;
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void transactionsAbortedRecordsAndMarkersNeitherStopTheJobNorReachTheDatabase() {
        ChildProcess job = stack.runWhenReady("stream", List.of("stream", "--batch-interval", "1s"), Ready.STREAM);
        stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        Readings committed = new Readings(5);
        long aborted = 0;
        try (KafkaProducer<byte[], byte[]> tx = Readings.producer(stack.bootstrap(), "tx-readings");
             KafkaProducer<byte[], byte[]> plain = Readings.producer(stack.bootstrap(), null)) {
            for (int round = 0; round < ROUNDS; round++) {
                tx.beginTransaction();
                for (int i = 0; i < PER_ROUND; i++) {
                    tx.send(Readings.record(Names.TOPIC_READINGS, committed.next("tx-room-" + (i % 6))));
                }
                tx.commitTransaction();
                tx.beginTransaction();
                for (int i = 0; i < PER_ROUND / 3; i++) {
                    Reading r = new Reading("tx-room-" + (i % 6), ABORTED_SEQ_BASE + round * 1000L + i,
                            System.currentTimeMillis(), 99.0);
                    tx.send(Readings.record(Names.TOPIC_READINGS, r));
                    aborted++;
                }
                tx.flush();
                tx.abortTransaction();
                for (int i = 0; i < PER_ROUND / 2; i++) {
                    plain.send(Readings.record(Names.TOPIC_READINGS, committed.next("plain-room-" + (i % 4))));
                }
                plain.flush();
                Waits.sleep(700);   // spread over several batches
            }
        }
        NetPromise promise = NetPromise.check(stack, db, Duration.ofSeconds(60), Duration.ofSeconds(300), 0);
        long abortedStored = db.collection(Names.COLL_READINGS)
                .countDocuments(new Document("seq", new Document("$gte", ABORTED_SEQ_BASE)));
        long abortedDerived = db.collection(Names.COLL_ANALYTICS)
                .countDocuments(new Document("seq", new Document("$gte", ABORTED_SEQ_BASE)));
        long onTopic = new TopicReader(stack.bootstrap()).endOffsetTotal(Names.TOPIC_READINGS);
        Results.record("transactional input", String.format("%d transactions committed and %d aborted (%d aborted"
                        + " readings) among plain writes; %d offsets on readings incl. markers; job alive %b; aborted"
                        + " stored %d, derived %d; %s", ROUNDS, ROUNDS, aborted, onTopic, job.isAlive(), abortedStored,
                abortedDerived, promise.line()));
        assertTrue(job.isAlive(), "the streaming job stopped; log " + job.log());
        assertEquals(0, abortedStored, "readings of aborted transactions stored");
        assertEquals(0, abortedDerived, "derived records of aborted transactions stored");
        assertEquals(ROUNDS * (PER_ROUND + PER_ROUND / 2), promise.valid(), "committed readings on the topic");
    }
}
