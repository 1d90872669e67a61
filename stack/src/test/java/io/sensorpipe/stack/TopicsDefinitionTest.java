package io.sensorpipe.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kafka-init/topics.conf is the one definition of the topics: the embedded stack parses it, and compose's
 * kafka-init runs kafka-init/create-topics.sh on it. The script is run here with a stand-in for kafka-topics.sh that
 * records its arguments, and must ask for exactly the settings the embedded stack applies.
 */
class TopicsDefinitionTest {
    private static final Path HOME = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path CONF = HOME.resolve("kafka-init").resolve(Topics.FILE);

    @TempDir
    Path tmp;

    @Test
    void composeScriptAndEmbeddedStackCreateTheSameTopicsWithTheSameSettings() throws Exception {
        Map<String, Map<String, String>> defs = Topics.definitions(CONF);
        assertEquals(List.of("readings", "alpha", "readings.dlq", "readings.late"), new ArrayList<>(defs.keySet()));
        assertEquals("LogAppendTime", defs.get("readings").get("message.timestamp.type"));

        Path calls = tmp.resolve("calls.txt");
        Path fake = tmp.resolve("kafka-topics.sh");
        Files.writeString(fake, "#!/bin/sh\necho \"$*\" >> " + calls + "\n");
        fake.toFile().setExecutable(true);
        Process p = new ProcessBuilder("sh", HOME.resolve("kafka-init/create-topics.sh").toString(), "kafka:19092",
                "6", CONF.toString(), fake.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        List<String> lines = Files.readAllLines(calls);
        assertEquals(defs.size(), lines.size(), "one kafka-topics.sh call per topic: " + lines);
        int i = 0;
        for (Map.Entry<String, Map<String, String>> d : defs.entrySet()) {
            String call = lines.get(i++);
            assertTrue(call.contains("--topic " + d.getKey() + " ") && call.contains("--partitions 6")
                    && call.contains("--bootstrap-server kafka:19092") && call.contains("--if-not-exists"), call);
            for (Map.Entry<String, String> kv : d.getValue().entrySet()) {
                assertTrue(call.contains("--config " + kv.getKey() + "=" + kv.getValue()), call + " lacks " + kv);
            }
            assertEquals(d.getValue().size(), call.split("--config ", -1).length - 1, call);
        }
    }
}
