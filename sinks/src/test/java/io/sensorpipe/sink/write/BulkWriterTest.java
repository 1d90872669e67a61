package io.sensorpipe.sink.write;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.config.ServiceException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The pipelined batch writer against in-memory collections that record every bulk write. */
class BulkWriterTest {
    private static final int BULK = 3;
    private static final Backoff NO_WAIT = new Backoff(1, 1);

    /** Records of topic readings at offsets 0..n-1; the offsets in {@code bad} carry a payload that is not JSON. */
    private static List<ConsumerRecord<byte[], byte[]>> records(int n, Set<Integer> bad) {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] value = bad.contains(i) ? "not json".getBytes(StandardCharsets.UTF_8)
                    : Codec.encode(new Reading("room-001", i + 1, 1_700_000_000_000L + i * 1000L, 20.5));
            list.add(new ConsumerRecord<>("readings", 0, i, "room-001".getBytes(StandardCharsets.UTF_8), value));
        }
        return list;
    }

    private static long offsetOf(Document d) {
        return d.get("src", Document.class).getLong("offset");
    }

    @Test
    void chunksAreWrittenInOrderOnTheCallingThreadAndDeadLettersFollowRecordOrder() throws Exception {
        // 11 records in chunks of 3; the mapper rejects 1, 5 and 9, MongoDB rejects 7 (document validation)
        FakeCollection target = new FakeCollection(models -> {
            int poison = indexOfOffset(models, 7);
            if (poison < 0) {
                return null;
            }
            throw new MongoBulkWriteException(BulkWriteResult.acknowledged(models.size() - 1, 0, 0, 0, List.of(),
                    List.of()), List.of(new BulkWriteError(121, "Document failed validation",
                    ValidationDetailsTest.ERR_INFO, poison)), null, new ServerAddress(), Set.of());
        });
        FakeCollection deadLetters = new FakeCollection(models -> null);
        Set<String> mappingThreads = ConcurrentHashMap.newKeySet();
        RecordMapper readings = RecordMapper.readings("sink-order");
        RecordMapper recording = (r, now) -> {
            if (r.offset() >= BULK) {
                mappingThreads.add(Thread.currentThread().getName());
            }
            return readings.createWriteModel(r, now);
        };
        Thread caller = Thread.currentThread();
        List<Thread> pauseThreads = Collections.synchronizedList(new ArrayList<>());

        BulkOutcome outcome;
        try (BulkWriter writer = new BulkWriter(target.proxy(), deadLetters.proxy(), recording, "sink-order", BULK,
                NO_WAIT)) {
            outcome = writer.write(records(11, Set.of(1, 5, 9)), millis -> pauseThreads.add(Thread.currentThread()));
        }

        assertEquals(List.of(List.of(0L, 2L), List.of(3L, 4L), List.of(6L, 7L, 8L), List.of(10L)),
                target.offsetsPerCall());
        assertEquals(Set.of(caller), target.threads());
        assertEquals(Set.of("sink-order-mapper"), mappingThreads, "chunks after the first are mapped ahead");
        assertEquals(List.of(List.of(1L, 5L, 9L, 7L)), deadLetters.deadLetterOffsetsPerCall());
        assertEquals(Set.of(caller), deadLetters.threads());
        assertEquals("rejected by MongoDB (code 121): Document failed validation: temperature: bsonType (type did "
                + "not match); src.offset: minimum (comparison failed); required: missing seq; not allowed: colour",
                deadLetters.reasons().get(3), "the dead letter says which rule failed");
        assertEquals(new BulkOutcome(7, 0, 4, 0), outcome);
        assertTrue(pauseThreads.isEmpty());
    }

    @Test
    void nextChunkIsMappedWhileTheCurrentOneIsBeingWritten() throws Exception {
        // chunk 2 can only be mapped once the write of chunk 1 has begun: a writer that maps everything first fails
        CountDownLatch chunkOneWriting = new CountDownLatch(1);
        CountDownLatch chunkTwoMapped = new CountDownLatch(1);
        AtomicReference<Boolean> mappedDuringWrite = new AtomicReference<>();
        FakeCollection target = new FakeCollection(models -> {
            if (indexOfOffset(models, BULK) >= 0) {
                chunkOneWriting.countDown();
                mappedDuringWrite.set(await(chunkTwoMapped));
            }
            return null;
        });
        RecordMapper readings = RecordMapper.readings("sink-overlap");
        RecordMapper gated = (r, now) -> {
            if (r.offset() == 2 * BULK) {
                if (!await(chunkOneWriting)) {
                    fail("chunk 2 was mapped before chunk 1 was written");
                }
                chunkTwoMapped.countDown();
            }
            return readings.createWriteModel(r, now);
        };
        try (BulkWriter writer = new BulkWriter(target.proxy(), new FakeCollection(m -> null).proxy(), gated,
                "sink-overlap", BULK, NO_WAIT)) {
            assertEquals(new BulkOutcome(9, 0, 0, 0), writer.write(records(9, Set.of()), RetryPause.SLEEP));
        }
        assertEquals(Boolean.TRUE, mappedDuringWrite.get());
    }

    @Test
    void transientFailureIsRetriedAfterThePauseOnTheCallingThread() throws Exception {
        int[] calls = {0};
        FakeCollection target = new FakeCollection(models -> {
            if (indexOfOffset(models, BULK) >= 0 && calls[0]++ == 0) {
                throw new MongoSocketReadException("connection reset", new ServerAddress());
            }
            return null;
        });
        Thread caller = Thread.currentThread();
        List<Thread> pauseThreads = Collections.synchronizedList(new ArrayList<>());
        try (BulkWriter writer = new BulkWriter(target.proxy(), new FakeCollection(m -> null).proxy(),
                RecordMapper.readings("sink-retry"), "sink-retry", BULK, NO_WAIT)) {
            BulkOutcome outcome = writer.write(records(7, Set.of()),
                    millis -> pauseThreads.add(Thread.currentThread()));
            assertEquals(new BulkOutcome(7, 0, 0, 1), outcome);
        }
        assertEquals(List.of(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L), List.of(3L, 4L, 5L), List.of(6L)),
                target.offsetsPerCall());
        assertEquals(List.of(caller), pauseThreads);
    }

    @Test
    void mappingExceptionSurfacesAsItIsAndTheWriterStaysUsable() throws Exception {
        IllegalStateException boom = new IllegalStateException("mapper bug");
        RecordMapper readings = RecordMapper.readings("sink-boom");
        boolean[] failing = {true};
        RecordMapper faulty = (r, now) -> {
            if (failing[0] && r.offset() == 7) {
                throw boom;
            }
            return readings.createWriteModel(r, now);
        };
        FakeCollection target = new FakeCollection(m -> null);
        FakeCollection deadLetters = new FakeCollection(m -> null);
        try (BulkWriter writer = new BulkWriter(target.proxy(), deadLetters.proxy(), faulty, "sink-boom", BULK,
                NO_WAIT)) {
            // offset 7 is in chunk 2, mapped on the mapper thread
            assertSame(boom, assertThrows(IllegalStateException.class,
                    () -> writer.write(records(9, Set.of(4)), RetryPause.SLEEP)));
            assertTrue(deadLetters.offsetsPerCall().isEmpty(), "no dead letter stored for an unfinished batch");
            // and in the first chunk, mapped on the calling thread
            assertSame(boom, assertThrows(IllegalStateException.class,
                    () -> writer.write(records(9, Set.of()).subList(6, 9), RetryPause.SLEEP)));

            failing[0] = false;
            target.clear();
            assertEquals(new BulkOutcome(8, 0, 1, 0), writer.write(records(9, Set.of(4)), RetryPause.SLEEP));
            assertEquals(List.of(List.of(0L, 1L, 2L), List.of(3L, 5L), List.of(6L, 7L, 8L)), target.offsetsPerCall());
        }
    }

    @Test
    void mapperThreadIsADaemonNamedAfterTheStageAndEndsOnClose() throws Exception {
        AtomicReference<Thread> mapperThread = new AtomicReference<>();
        RecordMapper readings = RecordMapper.readings("sink-close");
        RecordMapper capturing = (r, now) -> {
            if (r.offset() == BULK) {
                mapperThread.set(Thread.currentThread());
            }
            return readings.createWriteModel(r, now);
        };
        BulkWriter writer = new BulkWriter(new FakeCollection(m -> null).proxy(),
                new FakeCollection(m -> null).proxy(), capturing, "sink-close", BULK, NO_WAIT);
        writer.write(records(2 * BULK, Set.of()), RetryPause.SLEEP);
        Thread t = mapperThread.get();
        assertEquals("sink-close-mapper", t.getName());
        assertTrue(t.isDaemon());
        writer.close();
        t.join(5_000);
        assertFalse(t.isAlive());
    }

    @Test
    void upToWritesInFlightBulkWritesAreSentTogetherAndSettledInOrderOnTheCallingThread() throws Exception {
        // 15 records in 5 chunks, 3 in flight: the first three writes only return once all three were sent (one at a
        // time would time out here); the mapper rejects 4, MongoDB rejects 7 and 13: dead letters as one at a time
        CountDownLatch threeSent = new CountDownLatch(3);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        FakeCollection target = new FakeCollection(models -> {
            most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                threeSent.countDown();
                if (!await(threeSent)) {
                    fail("the first three bulk writes were not in flight together");
                }
                return rejectOffsets(models, 7, 13);
            } finally {
                concurrent.decrementAndGet();
            }
        });
        FakeCollection deadLetters = new FakeCollection(models -> null);
        Thread caller = Thread.currentThread();
        List<Thread> observerThreads = Collections.synchronizedList(new ArrayList<>());
        List<Long> observedOffsets = Collections.synchronizedList(new ArrayList<>());
        WriteObserver observer = new WriteObserver() {
            @Override
            public void stored(Document document, long ackMillis) {
                observerThreads.add(Thread.currentThread());
                observedOffsets.add(offsetOf(document));
            }
        };
        BulkOutcome outcome;
        try (BulkWriter writer = new BulkWriter(target.proxy(), deadLetters.proxy(), RecordMapper.readings("sink-3"),
                "sink-3", BULK, NO_WAIT, 3, observer)) {
            outcome = writer.write(records(15, Set.of(4)), RetryPause.SLEEP);
        }
        assertEquals(3, most.get(), "three bulk writes in flight at once");
        assertFalse(target.threads().contains(caller), "the writes are sent by the writer threads");
        assertTrue(target.threads().stream().allMatch(t -> t.getName().startsWith("sink-3-writer-")));
        assertEquals(new BulkOutcome(12, 0, 3, 0), outcome);
        assertEquals(List.of(List.of(4L, 7L, 13L)), deadLetters.deadLetterOffsetsPerCall());
        assertEquals(Set.of(caller), Set.copyOf(observerThreads), "results are settled on the calling thread");
        assertEquals(List.of(0L, 1L, 2L, 3L, 5L, 6L, 8L, 9L, 10L, 11L, 12L, 14L), observedOffsets, "in record order");
    }

    @Test
    void aLaterCopyOfADocumentInTheSameBatchIsNeverSentSoTheFirstCopysCoordinatesAreStored() throws Exception {
        // offsets 0..5 in chunks of 3, 3 in flight: offset 4 re-sends the reading of offset 1. Sent, it could be
        // applied before offset 1 (another writer thread, or an unordered bulk write) and the stored document would
        // say the reading arrived at offset 4
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records(6, Set.of()));
        ConsumerRecord<byte[], byte[]> first = batch.get(1);
        batch.set(4, new ConsumerRecord<>("readings", 0, 4, first.key(), first.value()));
        FakeCollection target = new FakeCollection(models -> null);
        BulkOutcome outcome;
        try (BulkWriter writer = new BulkWriter(target.proxy(), new FakeCollection(m -> null).proxy(),
                RecordMapper.readings("sink-copy"), "sink-copy", BULK, NO_WAIT, 3, WriteObserver.NONE)) {
            outcome = writer.write(batch, RetryPause.SLEEP);
        }
        List<Long> sent = target.offsetsPerCall().stream().flatMap(List::stream).sorted().toList();
        assertEquals(List.of(0L, 1L, 2L, 3L, 5L), sent, "the copy at offset 4 is not sent");
        assertEquals(1, outcome.duplicates(), "counted as a duplicate");
    }

    @Test
    void withSeveralInFlightATransientFailureIsRetriedAfterThePauseOnTheCallingThread() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakeCollection target = new FakeCollection(models -> {
            if (indexOfOffset(models, BULK) >= 0 && calls.getAndIncrement() == 0) {
                throw new MongoSocketReadException("connection reset", new ServerAddress());
            }
            return null;
        });
        Thread caller = Thread.currentThread();
        List<Thread> pauseThreads = Collections.synchronizedList(new ArrayList<>());
        try (BulkWriter writer = new BulkWriter(target.proxy(), new FakeCollection(m -> null).proxy(),
                RecordMapper.readings("sink-retry"), "sink-retry", BULK, NO_WAIT, 2, WriteObserver.NONE)) {
            BulkOutcome outcome = writer.write(records(9, Set.of()), millis -> pauseThreads.add(Thread.currentThread()));
            assertEquals(new BulkOutcome(9, 0, 0, 1), outcome);
        }
        assertEquals(List.of(caller), pauseThreads);
        List<List<Long>> calls3 = target.offsetsPerCall();
        assertEquals(4, calls3.size(), "three chunks, one of them twice: " + calls3);
        assertEquals(2, calls3.stream().filter(c -> c.equals(List.of(3L, 4L, 5L))).count());
    }

    @Test
    void aFailedBatchReturnsOnlyOnceItsWritesInFlightHaveFinished() throws Exception {
        // chunk 1 is refused for good while chunk 2 is still being written: the refusal surfaces after chunk 2 ended
        CountDownLatch refused = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        FakeCollection target = new FakeCollection(models -> {
            if (indexOfOffset(models, 0) >= 0) {
                refused.countDown();
                throw new MongoSecurityException(MongoCredential.createCredential("u", "db", new char[0]), "denied");
            }
            await(refused);
            sleep(300);
            finished.incrementAndGet();
            return null;
        });
        try (BulkWriter writer = new BulkWriter(target.proxy(), new FakeCollection(m -> null).proxy(),
                RecordMapper.readings("sink-fail"), "sink-fail", BULK, NO_WAIT, 4, WriteObserver.NONE)) {
            assertThrows(ServiceException.class, () -> writer.write(records(6, Set.of()), RetryPause.SLEEP));
            assertEquals(1, finished.get(), "the write of chunk 2 had finished");
        }
    }

    @Test
    void writesInFlightBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BulkWriter(new FakeCollection(m -> null).proxy(),
                new FakeCollection(m -> null).proxy(), RecordMapper.readings("s"), "s", BULK, NO_WAIT, 0,
                WriteObserver.NONE));
    }

    /** Answers like MongoDB when the inserts at these offsets fail document validation (the others are stored). */
    private static BulkWriteResult rejectOffsets(List<Document> models, long... offsets) {
        List<BulkWriteError> errors = new ArrayList<>();
        for (long offset : offsets) {
            int i = indexOfOffset(models, offset);
            if (i >= 0) {
                errors.add(new BulkWriteError(121, "Document failed validation", new BsonDocument(), i));
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        throw new MongoBulkWriteException(BulkWriteResult.acknowledged(models.size() - errors.size(), 0, 0, 0,
                List.of(), List.of()), errors, null, new ServerAddress(), Set.of());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int indexOfOffset(List<Document> docs, long offset) {
        for (int i = 0; i < docs.size(); i++) {
            if (offsetOf(docs.get(i)) == offset) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A MongoCollection that only knows bulkWrite of inserts: it records the documents and the calling thread of
     * each call, then answers with {@code behaviour} (which may throw) or acknowledges every insert.
     */
    private static final class FakeCollection {
        private final Function<List<Document>, BulkWriteResult> behaviour;
        private final List<List<Document>> calls = Collections.synchronizedList(new ArrayList<>());
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        FakeCollection(Function<List<Document>, BulkWriteResult> behaviour) {
            this.behaviour = behaviour;
        }

        @SuppressWarnings("unchecked")
        MongoCollection<Document> proxy() {
            return (MongoCollection<Document>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{MongoCollection.class}, (p, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return switch (method.getName()) {
                                case "equals" -> p == args[0];
                                case "hashCode" -> System.identityHashCode(p);
                                default -> "FakeCollection";
                            };
                        }
                        if (!method.getName().equals("bulkWrite") || args.length != 2) {
                            throw new UnsupportedOperationException(method.toString());
                        }
                        List<Document> docs = new ArrayList<>();
                        for (Object model : (List<?>) args[0]) {
                            docs.add(((InsertOneModel<Document>) model).getDocument());
                        }
                        calls.add(docs);
                        threads.add(Thread.currentThread());
                        BulkWriteResult result = behaviour.apply(docs);
                        return result != null ? result
                                : BulkWriteResult.acknowledged(docs.size(), 0, 0, 0, List.of(), List.of());
                    });
        }

        List<List<Long>> offsetsPerCall() {
            return calls.stream().map(c -> c.stream().map(BulkWriterTest::offsetOf).toList()).toList();
        }

        List<List<Long>> deadLetterOffsetsPerCall() {
            return calls.stream().map(c -> c.stream().map(d -> d.getLong("offset")).toList()).toList();
        }

        List<String> reasons() {
            return calls.stream().flatMap(List::stream).map(d -> d.getString("reason")).toList();
        }

        Set<Thread> threads() {
            return threads;
        }

        void clear() {
            calls.clear();
        }
    }
}
