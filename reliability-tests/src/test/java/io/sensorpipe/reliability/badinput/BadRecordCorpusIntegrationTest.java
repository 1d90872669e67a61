package io.sensorpipe.reliability.badinput;

import com.mongodb.client.model.Filters;
import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.Logs;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.Scale;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 item 7: a corpus of bad records injected into {@code readings} and {@code alpha} between valid ones, with the
 * streaming job and both sinks running as processes. Each bad record lands in the dead letters exactly once with its
 * reason and source coordinates ({@code sensors.dead_letters} from the sinks, {@code readings.dlq} from the job); the
 * valid records around them are stored exactly once; nothing stops; at most one log line per bad record.
 */
@WithStack("bad-record-corpus")
class BadRecordCorpusIntegrationTest {
    private static final int ROOMS = 4;
    private static final long VALID = Scale.size("corpus.valid", 2_000, 20_000);
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void everyBadRecordIsDeadLetteredOnceAndEveryValidRecordStoredOnce() throws Exception {
        ChildProcess job = stack.runWhenReady("stream", List.of("stream", "--batch-interval", "1s"), Ready.STREAM);
        ChildProcess rawSink = stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        ChildProcess derivedSink = stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);

        List<Sent> badReadings;
        List<Sent> badAnalytics;
        long start = System.currentTimeMillis() - VALID / ROOMS * 1000 - 60_000;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            badReadings = sendReadings(producer, start);
            badAnalytics = sendAnalytics(producer, start);
        }
        long bad = badReadings.size() + badAnalytics.size();
        Duration stall = Duration.ofSeconds(120);   // the job's first batch waits for Spark to start
        Waits.untilReaches("raw readings stored", VALID, stall, () -> db.count(Names.COLL_READINGS));
        Waits.untilReaches("derived records stored", 2 * VALID, stall, () -> db.count(Names.COLL_ANALYTICS));
        Waits.untilReaches("dead letters stored", bad, stall, () -> db.count(Names.COLL_DEAD_LETTERS));
        TopicReader topics = new TopicReader(stack.bootstrap());
        Waits.untilReaches("records on readings.dlq", badReadings.size(), stall,
                () -> topics.endOffsetTotal(Names.TOPIC_DLQ));
        Waits.sleep(3_000);   // a second copy of anything would show up now

        List<DeadLetter> dlq = topics.readAll(Names.TOPIC_DLQ).stream().map(r -> DeadLetter.fromJson(r.value())).toList();
        for (Sent s : badReadings) {
            assertDeadLetterOnce(s, "sink-raw");
            assertDlqRecordOnce(s, dlq);
            assertAtMostOneLogLine(s, rawSink);
            assertAtMostOneLogLine(s, job);
        }
        for (Sent s : badAnalytics) {
            assertDeadLetterOnce(s, "sink-derived");
            assertAtMostOneLogLine(s, derivedSink);
        }
        Results.record("bad-record corpus", String.format("%d bad readings + %d bad derived records between %d + %d"
                        + " valid; stored readings=%d room_analytics=%d dead_letters=%d readings.dlq=%d",
                badReadings.size(), badAnalytics.size(), VALID, VALID, db.count(Names.COLL_READINGS),
                db.count(Names.COLL_ANALYTICS), db.count(Names.COLL_DEAD_LETTERS), dlq.size()));
        assertEquals(VALID, db.count(Names.COLL_READINGS), "valid readings stored");
        assertEquals(VALID, db.distinctReadingKeys(Names.COLL_READINGS).size(), "distinct readings stored");
        assertEquals(2 * VALID, db.count(Names.COLL_ANALYTICS), "derived records: the job's plus the injected valid ones");
        assertEquals(bad, db.count(Names.COLL_DEAD_LETTERS), "dead letters in MongoDB");
        assertEquals(badReadings.size(), dlq.size(), "records on readings.dlq");
        assertTrue(job.isAlive() && rawSink.isAlive() && derivedSink.isAlive(), "a component stopped on bad input");
    }

    /** Valid readings of 4 rooms in seq order, a corpus record after every few of them (same keys, same partitions). */
    private static List<Sent> sendReadings(KafkaProducer<byte[], byte[]> producer, long start) throws Exception {
        List<BadRecord> corpus = BadRecordCorpus.readings(new Reading("room-001", 1, start, 21.5));
        long every = VALID / (corpus.size() + 1);
        List<Sent> sent = new ArrayList<>();
        for (long i = 0; i < VALID; i++) {
            String room = room("room-", i);
            Reading r = new Reading(room, i / ROOMS + 1, start + (i / ROOMS) * 1000, 20 + (i % 37) / 10.0);
            producer.send(new ProducerRecord<>(Names.TOPIC_READINGS, key(room), Codec.encode(r)));
            int k = (int) (i / every);
            if (i % every == every - 1 && k < corpus.size()) {
                sent.add(sendBad(producer, Names.TOPIC_READINGS, room, corpus.get(k)));
            }
        }
        return sent;
    }

    /** Valid derived records of 4 other rooms (no clash with the job's output), with the alpha corpus among them. */
    private static List<Sent> sendAnalytics(KafkaProducer<byte[], byte[]> producer, long start) throws Exception {
        List<BadRecord> corpus = BadRecordCorpus.analytics(analytics("corpus-1", 1, start));
        long every = VALID / (corpus.size() + 1);
        List<Sent> sent = new ArrayList<>();
        for (long i = 0; i < VALID; i++) {
            String room = room("corpus-", i);
            DerivedRecord a = analytics(room, i / ROOMS + 1, start + (i / ROOMS) * 1000);
            producer.send(new ProducerRecord<>(Names.TOPIC_ALPHA, key(room), Codec.encode(a)));
            int k = (int) (i / every);
            if (i % every == every - 1 && k < corpus.size()) {
                sent.add(sendBad(producer, Names.TOPIC_ALPHA, room, corpus.get(k)));
            }
        }
        return sent;
    }

    private static DerivedRecord analytics(String room, long seq, long ts) {
        return new DerivedRecord(room, seq, ts, 21.0, seq == 1 ? null : 0.0, 0, 21.0, 21.0, 21.0, 1, 60);
    }

    private static Sent sendBad(KafkaProducer<byte[], byte[]> producer, String topic, String room, BadRecord bad)
            throws InterruptedException, ExecutionException {
        RecordMetadata m = producer.send(new ProducerRecord<>(topic, key(room), bad.value())).get();
        return new Sent(bad, topic, m.partition(), m.offset());
    }

    private static void assertDeadLetterOnce(Sent s, String stage) {
        List<Document> letters = db.collection(Names.COLL_DEAD_LETTERS).find(Filters.and(Filters.eq("topic", s.topic),
                Filters.eq("partition", s.partition), Filters.eq("offset", s.offset))).into(new ArrayList<>());
        assertEquals(1, letters.size(), "dead letters for " + s);
        Document d = letters.get(0);
        assertEquals(stage, d.getString("stage"), "stage of " + s);
        assertTrue(d.getString("reason").contains(s.bad.reason()), s + ": reason '" + d.getString("reason") + "'");
        assertEquals(s.bad.value().length, ((Number) d.get("sizeBytes")).intValue(), "recorded size of " + s);
    }

    private static void assertDlqRecordOnce(Sent s, List<DeadLetter> dlq) {
        List<DeadLetter> mine = dlq.stream().filter(d -> d.topic().equals(s.topic) && d.partition() == s.partition
                && d.offset() == s.offset).toList();
        assertEquals(1, mine.size(), "readings.dlq records for " + s);
        assertEquals("streaming-job", mine.get(0).stage(), "stage on readings.dlq for " + s);
        assertTrue(mine.get(0).reason().contains(s.bad.reason()), s + ": dlq reason '" + mine.get(0).reason() + "'");
    }

    /** Lines naming the record's coordinates, as {@code readings:2:17} or {@code readings-2@17}. */
    private static void assertAtMostOneLogLine(Sent s, ChildProcess c) {
        Pattern coordinates = Pattern.compile(Pattern.quote(s.topic) + "[:\\-]" + s.partition + "[:@]" + s.offset + "\\b");
        long lines = Logs.count(c.logLines(), coordinates);
        assertTrue(lines <= 1, c.name() + " logged " + s + " " + lines + " times");
    }

    private static String room(String prefix, long i) {
        return prefix + (prefix.startsWith("room") ? String.format("%03d", i % ROOMS + 1) : Long.toString(i % ROOMS + 1));
    }

    private static byte[] key(String room) {
        return room.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * BadRecordCorpus.ONE_MB));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Where a corpus record landed. */
    private record Sent(BadRecord bad, String topic, int partition, long offset) {
        @Override
        public String toString() {
            return "'" + bad.kind() + "' at " + topic + ":" + partition + ":" + offset;
        }
    }
}
