package io.sensorpipe.sink.write;

import com.mongodb.client.model.InsertOneModel;
import io.sensorpipe.common.StoredFields;
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
        return new Document(StoredFields.ID, r.id())
                .append(StoredFields.ROOM_ID, r.roomId())
                .append(StoredFields.SEQ, r.seq())
                .append(StoredFields.TS, new Date(r.tsMillis()))
                .append(StoredFields.TEMPERATURE, r.temperature())
                .append(StoredFields.MAX_TS, new Date(r.maxTsMillis()))
                .append(StoredFields.LATE_MILLIS, r.lateMillis())
                .append(StoredFields.LATENESS_MILLIS, r.latenessMillis())
                .append(StoredFields.REASON, r.reason())
                .append(StoredFields.SRC, new Documents.Source(r.topic(), r.partition(), r.offset()).toDocument())
                .append(StoredFields.STORED_AT, new Date(storedAtMillis));
    }
}
