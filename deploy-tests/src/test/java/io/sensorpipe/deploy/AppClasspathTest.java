package io.sensorpipe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the application image ships (docker/collect-artifacts.sh copies each module's runtime classpath): only what
 * the simulator and the sinks use at run time, none of the project's test or embedded-stack machinery.
 */
class AppClasspathTest {
    /** Jars that belong to tests, benchmarks or the embedded stack, never to a deployed application. */
    private static final List<String> NOT_IN_AN_APP = List.of("stack-", "embedded-kafka-", "embedded-mongo-",
            "mongo-java-server", "kafka_2.", "kafka-tools", "kafka-server", "kafka-metadata", "junit", "bench-",
            "reliability-tests-", "spark-");

    @Test
    void theApplicationImagesShipOnlyWhatTheAppsUse() throws IOException {
        for (String module : List.of("producer", "sinks")) {
            List<String> jars = runtimeJars(module);
            for (String jar : jars) {
                assertTrue(NOT_IN_AN_APP.stream().noneMatch(jar::startsWith), module + " ships " + jar);
            }
            assertEquals(1, jars.stream().filter(j -> j.startsWith("common-")).count(), module + ": " + jars);
        }
        assertTrue(runtimeJars("sinks").stream().anyMatch(j -> j.startsWith("mongodb-driver-sync-")));
        assertTrue(runtimeJars("producer").stream().noneMatch(j -> j.startsWith("mongodb-")),
                "the simulator talks to Kafka only: " + runtimeJars("producer"));
    }

    private static List<String> runtimeJars(String module) throws IOException {
        Path file = Project.root().resolve(module).resolve("target/runtime-classpath.txt");
        assertTrue(Files.isRegularFile(file), file + " is missing: build the module first");
        return Arrays.stream(Files.readString(file).trim().split(":"))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).getFileName().toString()).toList();
    }
}
