package io.sensorpipe.sink.write;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.Timestamps;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordMapperTest {
    private static final long NOW = Timestamps.parseIso("2026-11-21T16:00:00.000Z");
    private static final long TS = Timestamps.parseIso("2026-11-21T15:04:05.123Z");

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, byte[] value) {
        return new ConsumerRecord<>(topic, partition, offset, "room-007".getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void readingBecomesInsertWithRoomSeqIdDateAndKafkaCoordinates() {
        byte[] value = Codec.encode(new Reading("room-007", 42, TS, 21.37));
        Mapped m = RecordMapper.readings("sink-raw").createWriteModel(record("readings", 3, 1234, value), NOW);

        assertTrue(m.isWrite());
        Document d = m.document();
        assertEquals("room-007:42", d.get("_id"));
        assertEquals("room-007", d.get("roomId"));
        assertEquals(42L, d.get("seq"));
        assertEquals(new Date(TS), d.get("ts"));
        assertEquals(21.37, d.get("temperature"));
        assertEquals(new Date(NOW), d.get("ingestedAt"));
        assertEquals(new Document("topic", "readings").append("partition", 3).append("offset", 1234L), d.get("src"));
    }

    @Test
    void aReadingTheJobReroutedBecomesAnUpsertThatSetsTheCopysCoordinates() {
        byte[] value = Codec.encode(new Reading("room-007", 42, TS, 21.37));
        ConsumerRecord<byte[], byte[]> copy = record("readings", 6, 99, value);
        copy.headers().add(io.sensorpipe.common.Rerouted.header(2, 1234));
        Mapped m = RecordMapper.readings("sink-raw").createWriteModel(copy, NOW);
        com.mongodb.client.model.UpdateOneModel<Document> up = (com.mongodb.client.model.UpdateOneModel<Document>) m.write();
        assertTrue(up.getOptions().isUpsert(), "an upsert: the original may or may not be stored yet");
        org.bson.BsonDocument update = up.getUpdate().toBsonDocument(Document.class,
                com.mongodb.MongoClientSettings.getDefaultCodecRegistry());
        org.bson.BsonDocument src = update.getDocument("$set").getDocument("src");
        assertEquals(6, src.getInt32("partition").getValue(), "where the reading joined its room's order");
        assertEquals(99L, src.getInt64("offset").getValue());
        assertEquals("room-007", update.getDocument("$setOnInsert").getString("roomId").getValue());
        assertFalse(update.getDocument("$setOnInsert").containsKey("src"));
    }

    @Test
    void derivedRecordBecomesInsertWithAllAnalyticsFields() {
        DerivedRecord a = new DerivedRecord("room-007", 42, TS, 21.37, 0.12, 1, 21.18, 20.9, 21.4, 12, 60);
        Mapped m = RecordMapper.analytics("sink-derived").createWriteModel(record("alpha", 0, 7, Codec.encode(a)), NOW);

        Document d = m.document();
        assertEquals("room-007:42", d.get("_id"));
        assertEquals(42L, d.get("seq"));
        assertEquals(new Date(TS), d.get("ts"));
        assertEquals(0.12, d.get("change"));
        assertEquals(1L, d.get("gap"));
        assertEquals(21.18, d.get("rollingAvg"));
        assertEquals(20.9, d.get("rollingMin"));
        assertEquals(21.4, d.get("rollingMax"));
        assertEquals(12, d.get("rollingCount"));
        assertEquals(60, d.get("windowSeconds"));
        assertEquals(new Date(NOW), d.get("ingestedAt"));
    }

    @Test
    void firstReadingOfRoomStoresAnExplicitNullChange() {
        DerivedRecord first = new DerivedRecord("room-007", 1, TS, 20.0, null, 0, 20.0, 20.0, 20.0, 1, 60);
        Document d = RecordMapper.analytics("sink-derived")
                .createWriteModel(record("alpha", 0, 0, Codec.encode(first)), NOW).document();

        assertTrue(d.containsKey("change"), "change must be present, not missing");
        assertNull(d.get("change"));
    }

    @Test
    void undecodableRecordBecomesDeadLetterWithReasonAndCoordinates() {
        byte[] bad = "{\"v\":1,\"roomId\":\"room-007\",\"seq\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        Mapped m = RecordMapper.readings("sink-raw").createWriteModel(record("readings", 5, 99, bad), NOW);

        assertFalse(m.isWrite());
        assertTrue(m.deadLetter().reason().contains("seq"), m.deadLetter().reason());
        assertEquals("sink-raw", m.deadLetter().stage());
        assertEquals("readings:5:99", m.deadLetter().id());
        assertEquals(NOW, m.deadLetter().timeMillis());
    }

    @Test
    void readingOnTheDerivedTopicIsRejectedForMissingAnalyticsFields() {
        byte[] reading = Codec.encode(new Reading("room-007", 42, TS, 21.37));
        Mapped m = RecordMapper.analytics("sink-derived").createWriteModel(record("alpha", 1, 5, reading), NOW);

        assertFalse(m.isWrite());
        assertEquals("missing field 'change'", m.deadLetter().reason());
    }

    @Test
    void sameRecordAndClockGiveTheSameDocument() {
        byte[] value = Codec.encode(new Reading("room-001", 7, TS, 19.5));
        RecordMapper mapper = RecordMapper.readings("sink-raw");
        assertEquals(mapper.createWriteModel(record("readings", 0, 1, value), NOW).document(),
                mapper.createWriteModel(record("readings", 0, 1, value), NOW).document());
    }

    @Test
    void deadLetterDocumentHasTopicPartitionOffsetIdAndTruncatedPayload() {
        byte[] huge = ("{" + "x".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
        Mapped m = RecordMapper.readings("sink-raw").createWriteModel(record("readings", 2, 10, huge), NOW);
        Document d = Documents.deadLetter(m.deadLetter());

        assertEquals("readings:2:10", d.get("_id"));
        assertTrue(d.getString("reason").startsWith("oversized value"), d.getString("reason"));
        assertEquals("readings", d.get("topic"));
        assertEquals(2, d.get("partition"));
        assertEquals(10L, d.get("offset"));
        assertEquals(1024, d.getString("payload").length());
        assertEquals(5002, d.get("sizeBytes"));
        assertEquals(new Date(NOW), d.get("time"));
    }
}
