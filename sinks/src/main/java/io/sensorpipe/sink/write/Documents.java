package io.sensorpipe.sink.write;

import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RoomAnalytics;
import org.bson.Document;

import java.util.Date;

/** The MongoDB document layouts of mongo-init: raw readings, derived records and dead letters. */
public final class Documents {
    private Documents() {
    }

    /** A raw reading: _id "roomId:seq", ts as a BSON date, ingestion time and Kafka coordinates. */
    public static Document reading(Reading r, Source src, long ingestedAtMillis) {
        return new Document("_id", r.id())
                .append("roomId", r.roomId())
                .append("seq", r.seq())
                .append("ts", new Date(r.tsMillis()))
                .append("temperature", r.temperature())
                .append("ingestedAt", new Date(ingestedAtMillis))
                .append("src", src.toDocument());
    }

    /** A derived record: the RoomAnalytics fields with ts as a date and change an explicit null for a first reading. */
    public static Document analytics(RoomAnalytics a, long ingestedAtMillis) {
        return new Document("_id", a.id())
                .append("roomId", a.roomId())
                .append("seq", a.seq())
                .append("ts", new Date(a.tsMillis()))
                .append("temperature", a.temperature())
                .append("change", a.change())
                .append("gap", a.gap())
                .append("rollingAvg", a.rollingAvg())
                .append("rollingMin", a.rollingMin())
                .append("rollingMax", a.rollingMax())
                .append("rollingCount", a.rollingCount())
                .append("windowSeconds", a.windowSeconds())
                .append("ingestedAt", new Date(ingestedAtMillis));
    }

    /** A dead letter (mongo-init layout): _id "topic:partition:offset" so that storing it again is a no-op. */
    public static Document deadLetter(DeadLetter d) {
        return new Document("_id", d.id())
                .append("reason", d.reason())
                .append("stage", d.stage())
                .append("topic", d.topic())
                .append("partition", d.partition())
                .append("offset", d.offset())
                .append("key", d.key())
                .append("payload", d.payload())
                .append("sizeBytes", d.sizeBytes())
                .append("time", new Date(d.timeMillis()));
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
            return new Document("topic", topic).append("partition", partition).append("offset", offset);
        }
    }
}
