package io.sensorpipe.sink.write;

import io.sensorpipe.common.DeadLetter;
import org.bson.Document;
import com.mongodb.client.model.WriteModel;

import java.util.Objects;

/**
 * What one Kafka record becomes: an insert for the sink's collection, or a dead letter. Never both.
 *
 * @param write      the write model, or null for a dead letter
 * @param deadLetter why and where the record was rejected, or null for a write
 */
public record Mapped(WriteModel<Document> write, DeadLetter deadLetter) {
    /** A record that becomes a write. */
    public static Mapped write(WriteModel<Document> write) {
        return new Mapped(Objects.requireNonNull(write), null);
    }

    /** A record that can never be stored. */
    public static Mapped dead(DeadLetter deadLetter) {
        return new Mapped(null, Objects.requireNonNull(deadLetter));
    }

    /** True when the record becomes a write. */
    public boolean isWrite() {
        return write != null;
    }

    /** The inserted document (for tests and diagnostics); null for a dead letter. */
    public Document document() {
        return write instanceof com.mongodb.client.model.InsertOneModel<Document> insert ? insert.getDocument() : null;
    }
}
