package io.sensorpipe.stack;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.LateReading;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.StoredFields;
import io.sensorpipe.common.process.ProjectHome;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mongo-init definition agrees with the codec's rules and with {@link Names}, and holds no secrets. */
class MongoInitSchemaTest {
    private static final Path MONGO_INIT = ProjectHome.find().resolve("mongo-init");
    private static final Document DEFINITION = MongoInit.read(MONGO_INIT.resolve(MongoInit.SCHEMA_FILE));

    private static Document collection(String name) {
        return DEFINITION.getList("collections", Document.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static Document schema(String name) {
        return collection(name).get("validator", Document.class).get("$jsonSchema", Document.class);
    }

    private static Document property(String collection, String field) {
        return schema(collection).get("properties", Document.class).get(field, Document.class);
    }

    @Test
    void definesExactlyThePipelinesCollectionsInTheDatabaseFromNames() {
        assertEquals(Names.DATABASE, DEFINITION.getString("database"));
        Set<String> names = DEFINITION.getList("collections", Document.class).stream()
                .map(c -> c.getString("name")).collect(Collectors.toSet());
        assertEquals(Set.of(Names.COLL_READINGS, Names.COLL_ANALYTICS, Names.COLL_DEAD_LETTERS, Names.COLL_LATE,
                Names.COLL_HOURLY), names);
    }

    @Test
    void temperatureRangeIsTheCodecsPhysicalRange() {
        for (String coll : List.of(Names.COLL_READINGS, Names.COLL_ANALYTICS)) {
            Document t = property(coll, "temperature");
            assertEquals(Codec.MIN_TEMPERATURE, t.get("minimum", Number.class).doubleValue(), coll);
            assertEquals(Codec.MAX_TEMPERATURE, t.get("maximum", Number.class).doubleValue(), coll);
        }
    }

    @Test
    void roomIdPatternAcceptsAndRejectsWhatTheCodecDoes() {
        Pattern p = Pattern.compile(property(Names.COLL_READINGS, "roomId").getString("pattern"));
        for (String id : List.of("room-007", "a", "A.b_c-9", "x".repeat(64), "", "x".repeat(65), "room 1", "räum", "a:b")) {
            assertEquals(Codec.checkRoomId(id) == null, p.matcher(id).find(), "roomId '" + id + "'");
        }
    }

    @Test
    void lateReadingsRequireHowLateTheReasonAndTheSourceCoordinates() {
        assertEquals(Set.of("_id", "roomId", "seq", "ts", "temperature", "maxTs", "lateMillis", "reason", "src",
                "storedAt"), Set.copyOf(schema(Names.COLL_LATE).getList("required", String.class)));
        assertEquals(Set.of("topic", "partition", "offset"),
                Set.copyOf(property(Names.COLL_LATE, "src").getList("required", String.class)));
        // lateMillis is maxTs - ts: above L for a too-late reading, any value for a duplicate or out-of-order one
        assertEquals(null, property(Names.COLL_LATE, "lateMillis").get("minimum"));
        assertEquals(0, property(Names.COLL_LATE, "seq").get("minimum", Number.class).intValue(), "seq 0 is valid");
        assertEquals(List.of(LateReading.TOO_LATE, LateReading.CONFLICTING_DUPLICATE, LateReading.OUT_OF_ORDER),
                property(Names.COLL_LATE, "reason").getList("enum", String.class), "the reasons the job gives");
    }

    @Test
    void derivedRecordsRequireChangeButAllowItToBeNull() {
        assertTrue(schema(Names.COLL_ANALYTICS).getList("required", String.class).contains("change"));
        assertTrue(property(Names.COLL_ANALYTICS, "change").getList("bsonType", String.class).contains("null"));
        assertEquals(1, property(Names.COLL_ANALYTICS, "rollingCount").get("minimum", Number.class).intValue());
        assertEquals(1, property(Names.COLL_ANALYTICS, "windowSeconds").get("minimum", Number.class).intValue());
        assertEquals(0, property(Names.COLL_ANALYTICS, "gap").get("minimum", Number.class).intValue());
    }

    @Test
    void readingsAndAnalyticsStoreTimestampsAsDatesIndexedByRoomAndTime() {
        Document roomTime = new Document("roomId", 1).append("ts", -1);
        for (String coll : List.of(Names.COLL_READINGS, Names.COLL_ANALYTICS, Names.COLL_LATE)) {
            assertEquals("date", property(coll, "ts").getString("bsonType"), coll);
            List<Document> keys = collection(coll).getList("indexes", Document.class).stream()
                    .map(i -> i.get("key", Document.class)).toList();
            assertTrue(keys.contains(roomTime), coll + " " + keys);
        }
    }

    @Test
    void usersAreLeastPrivilegeOnSensorsAndTakeCredentialsFromTheEnvironment() {
        List<Document> users = DEFINITION.getList("users", Document.class);
        assertEquals(List.of("readWrite", "read"), users.stream()
                .map(u -> u.getList("roles", Document.class).get(0).getString("role")).toList());
        for (Document u : users) {
            assertEquals(List.of(new Document("role", u.getList("roles", Document.class).get(0).getString("role"))
                    .append("db", Names.DATABASE)), u.getList("roles", Document.class));
            assertTrue(u.getString("userEnv").startsWith("MONGO_") && u.getString("passwordEnv").endsWith("_PASSWORD"));
            assertFalse(u.containsKey("pwd") || u.containsKey("password") || u.containsKey("user"), u.toJson());
        }
    }

    @Test
    void initScriptReadsTheSameDefinitionFile() throws IOException {
        String script = Files.readString(MONGO_INIT.resolve("01-sensors.js"));
        assertTrue(script.contains("'" + MongoInit.SCHEMA_FILE + "'"));
        assertFalse(script.contains("bsonType"), "the script must not carry a second copy of the validators");
    }

    @Test
    void storedFieldsSpellEveryCollectionsFieldsAsTheSchemaDoes() {
        for (Document c : DEFINITION.getList("collections", Document.class)) {
            String name = c.getString("name");
            Document schema = schema(name);
            assertEquals(Set.copyOf(StoredFields.BY_COLLECTION.get(name)), schema.get("properties", Document.class).keySet(),
                    "fields of " + name);
            Document src = schema.get("properties", Document.class).get(StoredFields.SRC, Document.class);
            if (src != null) {
                assertEquals(Set.copyOf(StoredFields.SRC_FIELDS), src.get("properties", Document.class).keySet(),
                        "src of " + name);
            }
        }
    }
}
