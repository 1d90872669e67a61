package io.sensorpipe.sink.write;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensorpipe.common.DeadLetter;
import io.sensorpipe.common.LateReading;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.StoredFields;
import io.sensorpipe.common.process.ProjectHome;
import io.sensorpipe.stack.MongoInit;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The sinks write exactly the layout of mongo-init's schema: only its fields, and every field it requires. */
class DocumentsLayoutTest {
    private static final Document DEFINITION =
            MongoInit.read(ProjectHome.find().resolve("mongo-init").resolve(MongoInit.SCHEMA_FILE));

    private static void holdsToTheSchema(String collection, Document written) {
        Document schema = DEFINITION.getList("collections", Document.class).stream()
                .filter(c -> c.getString("name").equals(collection)).findFirst().orElseThrow()
                .get("validator", Document.class).get("$jsonSchema", Document.class);
        Set<String> allowed = schema.get("properties", Document.class).keySet();
        assertTrue(allowed.containsAll(written.keySet()), collection + ": " + written.keySet() + " within " + allowed);
        assertTrue(written.keySet().containsAll(schema.getList("required", String.class)),
                collection + ": " + written.keySet() + " has every required field");
        assertTrue(StoredFields.BY_COLLECTION.get(collection).containsAll(written.keySet()), collection);
    }

    @Test
    void aReadingADerivedRecordADeadLetterAndALateReadingAreWrittenInTheSchemasLayout() {
        Documents.Source src = new Documents.Source(Names.TOPIC_READINGS, 3, 42);
        holdsToTheSchema(Names.COLL_READINGS, Documents.reading(new Reading("room-1", 7, 1_000, 21.5), src, 2_000));
        holdsToTheSchema(Names.COLL_ANALYTICS, Documents.analytics(new DerivedRecord("room-1", 7, 1_000, 21.5, null, 0,
                21.5, 21.5, 21.5, 1, 60), 2_000));
        holdsToTheSchema(Names.COLL_DEAD_LETTERS, Documents.deadLetter(DeadLetter.of("not JSON", "sink-raw",
                Names.TOPIC_READINGS, 0, 9, new byte[] {1}, new byte[] {2}, 3_000)));
        holdsToTheSchema(Names.COLL_LATE, LateReadings.document(new LateReading("room-1", 3, 1_000, 20.5, 400_000,
                399_000, 300_000, LateReading.TOO_LATE, Names.TOPIC_READINGS, 0, 5), 2_000));
        assertTrue(Set.copyOf(StoredFields.SRC_FIELDS).equals(src.toDocument().keySet()), "src fields");
    }
}
