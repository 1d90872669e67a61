package io.sensorpipe.sink.write;

import com.mongodb.client.model.InsertOneModel;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.LateReading;
import org.bson.Document;

import java.util.Date;

/**
 * The late sink's mapping: a record of {@code readings.late} ({@link LateReading}) to a {@code late_readings}
 * document with {@code _id} "roomId:seq", so storing it again (a replay of the job's batch) is a no-op; a record
 * that is not a late reading goes to the dead letters.
 */
public final class LateReadings {
    private LateReadings() {
    }

    /** The mapper of the late sink. */
    public static RecordMapper mapper(String stage) {
        return (record, now) -> {
            Decoded<LateReading> d = LateReading.parse(record.value());
            if (!d.isOk()) {
                return Mapped.dead(RecordMapper.deadLetter(d.reason(), stage, record, now));
            }
            return Mapped.write(new InsertOneModel<>(document(d.value(), now)));
        };
    }

    /** The mongo-init layout of {@code late_readings}. */
    public static Document document(LateReading r, long storedAtMillis) {
        return new Document("_id", r.id())
                .append("roomId", r.roomId())
                .append("seq", r.seq())
                .append("ts", new Date(r.tsMillis()))
                .append("temperature", r.temperature())
                .append("maxTs", new Date(r.maxTsMillis()))
                .append("lateMillis", r.lateMillis())
                .append("latenessMillis", r.latenessMillis())
                .append("reason", r.reason())
                .append("src", new Documents.Source(r.topic(), r.partition(), r.offset()).toDocument())
                .append("storedAt", new Date(storedAtMillis));
    }
}
