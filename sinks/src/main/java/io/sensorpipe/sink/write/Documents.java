package io.sensorpipe.sink.write;

import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.StoredFields;
import org.bson.Document;

import java.util.Date;

/** The MongoDB document layouts of mongo-init: raw readings, derived records and dead letters. */
public final class Documents {
    private Documents() {
    }

    /** A raw reading: _id "roomId:seq", ts as a BSON date, ingestion time and Kafka coordinates. */
    public static Document reading(Reading r, Source src, long ingestedAtMillis) {
        return new Document(StoredFields.ID, r.id())
                .append(StoredFields.ROOM_ID, r.roomId())
                .append(StoredFields.SEQ, r.seq())
                .append(StoredFields.TS, new Date(r.tsMillis()))
                .append(StoredFields.TEMPERATURE, r.temperature())
                .append(StoredFields.INGESTED_AT, new Date(ingestedAtMillis))
                .append(StoredFields.SRC, src.toDocument());
    }

    /** A derived record: the DerivedRecord fields with ts as a date and change an explicit null for a first reading. */
    public static Document analytics(DerivedRecord a, long ingestedAtMillis) {
        return new Document(StoredFields.ID, a.id())
                .append(StoredFields.ROOM_ID, a.roomId())
                .append(StoredFields.SEQ, a.seq())
                .append(StoredFields.TS, new Date(a.tsMillis()))
                .append(StoredFields.TEMPERATURE, a.temperature())
                .append(StoredFields.CHANGE, a.change())
                .append(StoredFields.GAP, a.gap())
                .append(StoredFields.ROLLING_AVG, a.rollingAvg())
                .append(StoredFields.ROLLING_MIN, a.rollingMin())
                .append(StoredFields.ROLLING_MAX, a.rollingMax())
                .append(StoredFields.ROLLING_COUNT, a.rollingCount())
                .append(StoredFields.WINDOW_SECONDS, a.windowSeconds())
                .append(StoredFields.INGESTED_AT, new Date(ingestedAtMillis));
    }

    /** A dead letter (mongo-init layout): _id "topic:partition:offset" so that storing it again is a no-op. */
    public static Document deadLetter(DeadLetter d) {
        return new Document(StoredFields.ID, d.id())
                .append(StoredFields.REASON, d.reason())
                .append(StoredFields.STAGE, d.stage())
                .append(StoredFields.TOPIC, d.topic())
                .append(StoredFields.PARTITION, d.partition())
                .append(StoredFields.OFFSET, d.offset())
                .append(StoredFields.KEY, d.key())
                .append(StoredFields.PAYLOAD, d.payload())
                .append(StoredFields.SIZE_BYTES, d.sizeBytes())
                .append(StoredFields.TIME, new Date(d.timeMillis()));
    }

    /**
     * Where a record came from in Kafka.
     *
     * @param topic     source topic
     * @param partition source partition
     * @param offset    source offset
     */
    public record Source(String topic, int partition, long offset) {
        /** The embedded {topic, partition, offset} document. */
        public Document toDocument() {
            return new Document(StoredFields.SRC_TOPIC, topic).append(StoredFields.SRC_PARTITION, partition)
                    .append(StoredFields.SRC_OFFSET, offset);
        }
    }
}
