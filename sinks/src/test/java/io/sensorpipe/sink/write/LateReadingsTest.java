package io.sensorpipe.sink.write;

import com.mongodb.client.model.InsertOneModel;
import io.sensorpipe.common.LateReading;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LateReadingsTest {
    @Test
    void aLateReadingBecomesItsDocumentWithTheMongoInitLayout() {
        LateReading late = new LateReading("room-3", 7, 1_000_000L, 19.5, 1_400_000L, 400_000, 300_000,
                LateReading.TOO_LATE, "readings", 2, 99);
        Mapped m = LateReadings.mapper("sink-late").createWriteModel(
                new ConsumerRecord<>("readings.late", 0, 5, "room-3".getBytes(StandardCharsets.UTF_8), late.toJson()),
                2_000_000L);
        assertTrue(m.isWrite());
        Document d = ((InsertOneModel<Document>) m.write()).getDocument();
        assertEquals("room-3:7", d.get("_id"));
        assertEquals(new Date(1_000_000L), d.get("ts"));
        assertEquals(new Date(1_400_000L), d.get("maxTs"));
        assertEquals(400_000L, d.get("lateMillis"));
        assertEquals("too late", d.get("reason"));
        assertEquals(new Document("topic", "readings").append("partition", 2).append("offset", 99L), d.get("src"));
        assertEquals(new Date(2_000_000L), d.get("storedAt"));
    }

    @Test
    void anythingElseIsADeadLetterWithItsCoordinates() {
        Mapped m = LateReadings.mapper("sink-late").createWriteModel(
                new ConsumerRecord<>("readings.late", 1, 8, null, "nope".getBytes(StandardCharsets.UTF_8)), 0);
        assertFalse(m.isWrite());
        assertEquals("readings.late", m.deadLetter().topic());
        assertEquals(8, m.deadLetter().offset());
        assertEquals("sink-late", m.deadLetter().stage());
    }
}
