package io.sensorpipe.sink.write;

import com.mongodb.client.model.InsertOneModel;
import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RecordVerdict;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one Kafka record into a database write or a dead letter: a pure function of the record (its verdict is
 * {@link RecordVerdict}'s, from key, value and record timestamp, the same in every component) and of the clock for
 * ingestion metadata (mongo-kafka's {@code createWriteModel}), tested without a server.
 */
@FunctionalInterface
public interface RecordMapper {
    /** The insert for a valid record, or a dead letter naming why it is not one. */
    Mapped createWriteModel(ConsumerRecord<byte[], byte[]> record, long nowMillis);

    /** Raw readings: decode with the common codec, insert into {@code readings} with _id "roomId:seq". */
    static RecordMapper readings(String stage) {
        return (record, now) -> {
            Decoded<Reading> d = RecordVerdict.reading(record.key(), record.value(), record.timestamp());
            if (!d.isOk()) {
                return Mapped.dead(deadLetter(d.reason(), stage, record, now));
            }
            Documents.Source src = new Documents.Source(record.topic(), record.partition(), record.offset());
            return Mapped.write(new InsertOneModel<>(Documents.reading(d.value(), src, now)));
        };
    }

    /** Derived records: decode with the common codec, insert into {@code room_analytics} with _id "roomId:seq". */
    static RecordMapper analytics(String stage) {
        return (record, now) -> {
            Decoded<DerivedRecord> d = RecordVerdict.analytics(record.key(), record.value(), record.timestamp());
            if (!d.isOk()) {
                return Mapped.dead(deadLetter(d.reason(), stage, record, now));
            }
            return Mapped.write(new InsertOneModel<>(Documents.analytics(d.value(), now)));
        };
    }

    /** A dead letter for a record, with its coordinates and truncated payload. */
    static DeadLetter deadLetter(String reason, String stage, ConsumerRecord<byte[], byte[]> record, long now) {
        return DeadLetter.of(reason, stage, record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), now);
    }
}
