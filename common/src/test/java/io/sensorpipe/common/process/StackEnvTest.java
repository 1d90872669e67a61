package io.sensorpipe.common.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEnvTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBackLiterally() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(StackEnv.KAFKA, "127.0.0.1:9092");
        values.put(StackEnv.MONGO, "mongodb://127.0.0.1:27017/?w=majority&x=$(id)");
        values.put("KAFKA_CLIENT_CONFIG_SINK_RAW", "/data/secure/sink-raw.properties");
        StackEnv.write(StackEnv.in(dir), "test", values);
        assertEquals(values, StackEnv.read(StackEnv.in(dir)));
        assertEquals("# test", Files.readAllLines(StackEnv.in(dir)).get(0));
    }

    @Test
    void onlyTheKnownKeysAreRead() throws Exception {
        Files.writeString(StackEnv.in(dir), String.join("\n", "JAVA_TOOL_OPTIONS=-javaagent:/tmp/evil.jar",
                "KAFKA_BOOTSTRAP_SERVERS=h:1", "export MONGODB_URI=m", " MONGODB_URI=spaced", "PATH=/tmp",
                "KAFKA_CLIENT_CONFIG_=x", "kafka_bootstrap_servers=lower", "MONGODB_URI=mongodb://h:2"));
        assertEquals(Map.of(StackEnv.KAFKA, "h:1", StackEnv.MONGO, "mongodb://h:2"), StackEnv.read(StackEnv.in(dir)));
    }

    @Test
    void aMissingFileIsEmptyAndUnknownKeysOrLineBreaksAreNotWritten() {
        assertEquals(Map.of(), StackEnv.read(dir.resolve("none.env")));
        assertThrows(IllegalArgumentException.class,
                () -> StackEnv.write(StackEnv.in(dir), "t", Map.of("JAVA_TOOL_OPTIONS", "x")));
        assertThrows(IllegalArgumentException.class,
                () -> StackEnv.write(StackEnv.in(dir), "t", Map.of(StackEnv.KAFKA, "a\nJAVA_TOOL_OPTIONS=x")));
    }
}
