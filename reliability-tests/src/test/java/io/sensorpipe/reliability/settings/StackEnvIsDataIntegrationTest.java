package io.sensorpipe.reliability.settings;

import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.Project;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 7: {@code data/stack.env} is data. {@code bin/pipeline} reads only KAFKA_BOOTSTRAP_SERVERS and
 * MONGODB_URI from it, as literal strings: a planted JAVA_TOOL_OPTIONS never reaches the JVM and a crafted line
 * runs no command.
 */
class StackEnvIsDataIntegrationTest {
    @Test
    void plantedVariablesAndCommandsInStackEnvAreIgnored() throws IOException {
        Path dir = Project.scratch("stack-env-is-data");
        Path marker = dir.resolve("pwned");
        Files.writeString(dir.resolve("stack.env"), "JAVA_TOOL_OPTIONS=-Dplanted=1\n"
                + "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1$(touch " + marker + ")\n"
                + "MONGODB_URI=mongodb://127.0.0.1:1`touch " + marker + "`\n"
                + "PATH=/nowhere\n"
                + "$(touch " + marker + ")=x\n");
        Map<String, String> env = new HashMap<>();
        env.put("SENSORPIPE_DATA", dir.toString());
        List<String> lines;
        try (ChildProcess c = Project.pipeline("simulate", dir.resolve("simulate.log"), env,
                List.of("simulate", "--rooms", "1", "--count", "1"))) {
            c.awaitExit(Duration.ofMinutes(2));
            lines = c.logLines();
        }
        String output = String.join("\n", lines);
        assertFalse(output.contains("Picked up JAVA_TOOL_OPTIONS"), "JAVA_TOOL_OPTIONS reached the JVM:\n" + output);
        assertFalse(Files.exists(marker), "a line of stack.env ran a command");
        assertTrue(output.contains("127.0.0.1:1$(touch"), "the bootstrap value is taken literally:\n" + output);
    }
}
