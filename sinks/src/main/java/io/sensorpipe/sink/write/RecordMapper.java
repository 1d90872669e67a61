package io.sensorpipe.sink.write;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.sensorpipe.common.Rerouted;
import io.sensorpipe.common.StoredFields;
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
            org.bson.Document doc = Documents.reading(d.value(), src, now);
            if (record.headers().lastHeader(Rerouted.HEADER) != null) {
                // the job's copy on the room's partition: where the reading really joined its room's order, whether
                // the original was stored first or not
                org.bson.Document insertOnly = new org.bson.Document(doc);
                insertOnly.remove(StoredFields.ID);
                insertOnly.remove(StoredFields.SRC);
                return Mapped.write(new UpdateOneModel<>(Filters.eq(StoredFields.ID, doc.get(StoredFields.ID)),
                        Updates.combine(Updates.set(StoredFields.SRC, doc.get(StoredFields.SRC)),
                                new org.bson.Document("$setOnInsert", insertOnly)),
                        new UpdateOptions().upsert(true)));
            }
            return Mapped.write(new InsertOneModel<>(doc));
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
