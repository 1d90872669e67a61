package io.sensorpipe.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-compose.yml, checked statically with Debian's docker-compose (no Docker engine needed). */
class ComposeFileTest {
    private static final Path WORK = Path.of("target", "compose-test").toAbsolutePath();
    private static final Pattern REQUIRED_REFERENCE = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
    private static Map<String, JsonObject> services;

    @BeforeAll
    static void readEffectiveConfiguration() throws Exception {
        services = ComposeFile.services(ComposeFile.effective(ComposeFile.dummyEnv(WORK)));
    }

    @Test
    void composeFileIsValidWithTheDocumentedSettings() throws Exception {
        Project.Result result = ComposeFile.config(Project.root().resolve(".env.example"), "-q");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void missingSecretStopsStartUpNamingIt() throws Exception {
        for (String secret : ComposeFile.SECRETS) {
            Project.Result result = ComposeFile.config(ComposeFile.dummyEnv(WORK, secret), "-q");
            assertNotEquals(0, result.exitCode(), "config succeeded without " + secret);
            assertTrue(result.output().contains(secret), "message does not name " + secret + ": " + result.output());
        }
    }

    @Test
    void everyPublishedPortIsBoundToLoopback() {
        List<String> published = new ArrayList<>();
        services.forEach((name, service) -> {
            if (service.has("ports")) {
                for (JsonElement port : service.getAsJsonArray("ports")) {
                    published.add(name + " " + port);
                    assertTrue(hostIp(port).equals("127.0.0.1"), name + " publishes " + port + " beyond 127.0.0.1");
                }
            }
        });
        assertTrue(published.size() >= 5, "expected Kafka, MongoDB and Spark UIs published: " + published);
    }

    private static String hostIp(JsonElement port) {
        if (port.isJsonObject()) {
            JsonElement ip = port.getAsJsonObject().get("host_ip");
            return ip == null ? "0.0.0.0" : ip.getAsString();
        }
        String[] parts = port.getAsString().split(":");
        return parts.length == 3 ? parts[0] : "0.0.0.0";
    }

    @Test
    void everyLongRunningServiceHasAHealthcheck() {
        services.forEach((name, service) -> {
            if (!ComposeFile.isOneShot(service)) {
                assertTrue(service.has("healthcheck") && service.getAsJsonObject("healthcheck").has("test"),
                        name + " runs continuously but has no healthcheck");
            }
        });
    }

    @Test
    void servicesWaitForHealthyOrCompletedDependencies() {
        int edges = 0;
        for (Map.Entry<String, JsonObject> e : services.entrySet()) {
            if (!e.getValue().has("depends_on")) {
                continue;
            }
            for (Map.Entry<String, JsonElement> dep : e.getValue().getAsJsonObject("depends_on").entrySet()) {
                String condition = dep.getValue().getAsJsonObject().get("condition").getAsString();
                String expected = ComposeFile.isOneShot(services.get(dep.getKey()))
                        ? "service_completed_successfully" : "service_healthy";
                assertEquals(expected, condition, e.getKey() + " -> " + dep.getKey());
                edges++;
            }
        }
        assertTrue(edges >= 10, "start order should be spelled out, found " + edges + " dependencies");
    }

    @Test
    void secretsAreRequiredEnvironmentReferences() throws Exception {
        Map<String, JsonObject> raw = ComposeFile.services(ComposeFile.raw());
        int secrets = 0;
        for (Map.Entry<String, JsonObject> e : raw.entrySet()) {
            for (Map.Entry<String, String> var : ComposeFile.environment(e.getValue()).entrySet()) {
                if (var.getKey().matches(".*(PASSWORD|SECRET|TOKEN).*")) {
                    assertTrue(REQUIRED_REFERENCE.matcher(var.getValue()).matches(),
                            e.getKey() + " " + var.getKey() + " must be ${VAR:?message}, is " + var.getValue());
                    secrets++;
                }
                Matcher uri = Pattern.compile("mongodb://(\\$\\{[^}]+}|[^:@/]+):(\\$\\{[^}]+}|[^@]+)@")
                        .matcher(var.getValue());
                if (uri.find()) {
                    assertTrue(REQUIRED_REFERENCE.matcher(uri.group(2)).matches(),
                            e.getKey() + " " + var.getKey() + " has an inline password: " + var.getValue());
                    secrets++;
                }
            }
        }
        assertTrue(secrets >= 6, "expected the MongoDB secrets to be referenced, found " + secrets);
    }

    @Test
    void applicationsConnectAsTheLeastPrivilegeWriter() {
        for (String app : List.of("sink-raw", "sink-derived")) {
            String uri = ComposeFile.environment(services.get(app)).get("MONGODB_URI");
            assertTrue(uri.startsWith("mongodb://sensor_writer:dummy-mongo_writer_password@mongo:27017/"), app + ": " + uri);
            assertTrue(uri.contains("replicaSet=rs0"), app + " must use the replica set (retryable writes): " + uri);
        }
        Map<String, String> mongo = ComposeFile.environment(services.get("mongo"));
        assertFalse(services.values().stream().anyMatch(s -> ComposeFile.environment(s).getOrDefault("MONGODB_URI", "")
                .contains(mongo.get("MONGO_INITDB_ROOT_PASSWORD"))), "an application connects as root");
    }

    @Test
    void mongoRunsAsAReplicaSetWithAuthAndMountsMongoInit() {
        JsonObject mongo = services.get("mongo");
        String command = mongo.get("command").toString();
        assertTrue(command.contains("--replSet") && command.contains("--keyFile"), command);
        assertTrue(mongo.getAsJsonArray("volumes").toString().contains("/docker-entrypoint-initdb.d"),
                "mongo-init/ is not mounted");
        assertEquals("mongo:7", mongo.get("image").getAsString());
    }

    @Test
    void dataLivesInNamedVolumesAndBindMountsAreReadOnly() {
        services.forEach((name, service) -> {
            if (!service.has("volumes")) {
                return;
            }
            for (JsonElement v : service.getAsJsonArray("volumes")) {
                String spec = v.isJsonObject() ? v.toString() : v.getAsString();
                boolean bind = spec.startsWith("/") || spec.startsWith(".");
                assertTrue(!bind || spec.endsWith(":ro"), name + " bind-mounts " + spec + " writable");
            }
        });
        assertTrue(services.get("kafka").getAsJsonArray("volumes").toString().contains("kafka-data:"), "kafka data");
        assertTrue(services.get("mongo").getAsJsonArray("volumes").toString().contains("mongo-data:"), "mongo data");
    }

    @Test
    void sparkJobIsSubmittedToTheStandaloneMaster() {
        String command = services.get("stream-job").get("command").toString();
        assertTrue(command.contains("spark-submit") && command.contains("spark://spark-master:7077")
                && command.contains("io.sensorpipe.streaming.StreamCommand")
                && command.contains("streaming-job-app.jar"), command);
    }
}
