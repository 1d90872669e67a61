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
    @Test
    void kafkaInitAndEveryKafkaClientFollowTheBootstrapServersSetting() throws Exception {
        Map<String, JsonObject> external = ComposeFile.services(ComposeFile.effective(
                ComposeFile.dummyEnv(WORK, Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1.example.internal:9093",
                        "KAFKA_ADMIN_BOOTSTRAP_SERVERS", "kafka-1.example.internal:9094"))));
        for (String client : List.of("stream-job", "sink-raw", "sink-derived", "simulator")) {
            assertEquals("kafka-1.example.internal:9093",
                    ComposeFile.environment(external.get(client)).get("KAFKA_BOOTSTRAP_SERVERS"), client);
        }
        // kafka-init works as the admin, on the admin's address
        assertEquals("kafka-1.example.internal:9094",
                ComposeFile.environment(external.get("kafka-init")).get("KAFKA_BOOTSTRAP_SERVERS"));
        // nothing but the local broker itself names it: with an existing cluster, `--scale kafka=0` leaves no waiter
        external.forEach((name, service) -> {
            if (!name.equals("kafka")) {
                assertFalse(service.toString().contains("kafka:19092") || service.toString().contains("kafka:19094"),
                        name + " still names the local broker");
                assertFalse(service.has("depends_on") && service.getAsJsonObject("depends_on").has("kafka"),
                        name + " waits for the local broker");
            }
        });
        assertTrue(services.get("kafka-init").get("entrypoint").toString().contains("/kafka-init/init.sh"));
    }

    @Test
    void kafkaAuthenticatesEveryListenerAndAuthorizesEveryRequest() {
        Map<String, String> kafka = ComposeFile.environment(services.get("kafka"));
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", kafka.get("KAFKA_AUTHORIZER_CLASS_NAME"));
        assertEquals("false", kafka.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"));
        assertEquals("User:admin", kafka.get("KAFKA_SUPER_USERS"));
        Map<String, String> protocols = new java.util.HashMap<>();
        for (String entry : kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            String[] kv = entry.split(":");
            protocols.put(kv[0], kv[1]);
        }
        for (String listener : kafka.get("KAFKA_LISTENERS").split(",")) {
            String name = listener.substring(0, listener.indexOf(':'));
            assertTrue(protocols.get(name).startsWith("SASL_"), "listener " + name + " is " + protocols.get(name)
                    + ": every listener must authenticate");
            assertTrue(kafka.containsKey("KAFKA_LISTENER_NAME_" + name + "_SASL_ENABLED_MECHANISMS"), name);
        }
        // the client listeners take SCRAM only; PLAIN (the admin's static user) only where no component connects
        assertEquals("SCRAM-SHA-512", kafka.get("KAFKA_LISTENER_NAME_INTERNAL_SASL_ENABLED_MECHANISMS"));
        assertEquals("SCRAM-SHA-512", kafka.get("KAFKA_LISTENER_NAME_HOST_SASL_ENABLED_MECHANISMS"));
        String published = services.get("kafka").getAsJsonArray("ports").toString();
        assertFalse(published.contains("19094") || published.contains("9093"), "admin/controller listener published: "
                + published);
        assertTrue(kafka.get("KAFKA_LISTENER_NAME_ADMIN_PLAIN_SASL_JAAS_CONFIG").contains("dummy-kafka_admin_password"));
    }

    @Test
    void everyComponentConnectsAsItsOwnPrincipal() throws Exception {
        Map<String, String> expected = Map.of("simulator", "simulator", "stream-job", "stream-job",
                "sink-raw", "sink-raw", "sink-derived", "sink-derived");
        java.util.Set<String> passwords = new java.util.HashSet<>();
        expected.forEach((service, principal) -> {
            Map<String, String> env = ComposeFile.environment(services.get(service));
            assertEquals(principal, env.get("KAFKA_SASL_USERNAME"), service);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), service);
            assertEquals("SASL_PLAINTEXT", env.get("KAFKA_SECURITY_PROTOCOL"), service);
            String pw = env.get("KAFKA_SASL_PASSWORD");
            assertTrue(pw.startsWith("dummy-kafka_"), service + " password " + pw);
            passwords.add(pw);
        });
        assertEquals(4, passwords.size(), "one secret per principal");
        // no component is the admin, and the worker (executors) holds no credentials: the driver passes them on
        services.forEach((name, s) -> {
            if (!name.equals("kafka") && !name.equals("kafka-init")) {
                assertFalse(s.toString().contains("dummy-kafka_admin_password"), name + " has the admin's password");
            }
        });
        assertFalse(services.get("spark-worker").toString().contains("KAFKA_SASL"), "spark-worker");
        // kafka-init creates exactly these users, with the grants of the embedded stack's plan
        Map<String, String> init = ComposeFile.environment(services.get("kafka-init"));
        for (String c : List.of("SIMULATOR", "STREAM_JOB", "SINK_RAW", "SINK_DERIVED")) {
            assertTrue(init.get("KAFKA_" + c + "_PASSWORD").startsWith("dummy-kafka_"), c);
        }
        java.util.Set<String> granted = new java.util.TreeSet<>();
        Pattern allow = Pattern.compile("^allow \"\\$(\\w+)\" (\\w+) --(topic|group) (\\S+)");
        Map<String, String> vars = Map.of("simulator", "simulator", "job", "stream-job", "raw", "sink-raw",
                "derived", "sink-derived");
        for (String line : java.nio.file.Files.readAllLines(Project.root().resolve("kafka-init/acls.sh"))) {
            Matcher m = allow.matcher(line);
            if (m.find()) {
                granted.add(vars.get(m.group(1)) + " " + m.group(2) + " " + m.group(3).toUpperCase() + " " + m.group(4));
            }
        }
        java.util.Set<String> plan = new java.util.TreeSet<>();
        io.sensorpipe.stack.KafkaAccessPlan.grants().forEach(g -> g.operations().forEach(op ->
                plan.add(g.principal() + " " + op + " " + g.type() + " " + g.name())));
        assertEquals(plan, granted, "kafka-init/acls.sh and the embedded stack's KafkaAccessPlan differ");
    }

    @Test
    void kafkaClientSecretsOverrideMountsThemWhereverAKafkaClientRuns() throws Exception {
        Map<String, String> settings = Map.of("KAFKA_CLIENT_SECRETS_DIR", "./secrets",
                "KAFKA_CLIENT_CONFIG", "/etc/sensorpipe/kafka-client.properties");
        List<String> files = List.of(ComposeFile.FILE, ComposeFile.KAFKA_SECRETS_OVERRIDE);
        Path env = ComposeFile.dummyEnv(WORK, settings);
        assertEquals(0, ComposeFile.config(files, env, "-q").exitCode());
        Map<String, JsonObject> secure = ComposeFile.services(ComposeFile.effective(files, env));
        // every container with Kafka clients, and the worker whose executors open the stores the driver names
        for (String name : List.of("kafka-init", "stream-job", "spark-worker", "sink-raw", "sink-derived",
                "simulator")) {
            JsonObject service = secure.get(name);
            assertTrue(service.getAsJsonArray("volumes").toString().contains("/secrets:/etc/sensorpipe:ro"),
                    name + " does not mount the Kafka client secrets: " + service.get("volumes"));
            String config = ComposeFile.environment(service).get("KAFKA_CLIENT_CONFIG");
            assertTrue(name.equals("spark-worker") || "/etc/sensorpipe/kafka-client.properties".equals(config),
                    name + " KAFKA_CLIENT_CONFIG=" + config);
        }
        for (String missing : settings.keySet()) {
            Map<String, String> partial = new java.util.HashMap<>(settings);
            partial.remove(missing);
            Project.Result r = ComposeFile.config(files, ComposeFile.dummyEnv(WORK, partial), "-q");
            assertNotEquals(0, r.exitCode(), "override accepted without " + missing);
            assertTrue(r.output().contains(missing), r.output());
        }
    }

    @Test
    void componentsGetTimeToStopGracefullyAndTheWorkerCleansUp() {
        for (String name : List.of("stream-job", "sink-raw", "sink-derived", "simulator")) {
            JsonElement grace = services.get(name).get("stop_grace_period");
            assertTrue(grace != null && ComposeFile.seconds(grace.getAsString()) >= 30, name + " stop_grace_period " + grace);
        }
        String workerOpts = ComposeFile.environment(services.get("spark-worker")).get("SPARK_WORKER_OPTS");
        assertTrue(workerOpts != null && workerOpts.contains("-Dspark.worker.cleanup.enabled=true"), workerOpts);
    }

    @Test
    void theJobsStateSnapshotsLiveInAVolumeSharedByTheDriverAndTheWorker() {
        String command = services.get("stream-job").get("command").toString();
        assertTrue(command.contains("\"--state-dir\",\"/var/lib/sensorpipe/state\""), command);
        for (String name : List.of("stream-job", "spark-worker")) {
            assertTrue(services.get(name).getAsJsonArray("volumes").toString()
                    .contains("job-state:/var/lib/sensorpipe/state"), name + ": " + services.get(name).get("volumes"));
        }
    }

    /**
     * Issue 14: Prometheus (official image) scrapes every component with the repository's scrape configuration, each
     * scrape target is a service started with that --metrics-port, the applications' health checks ask its /ready,
     * and Grafana (official image) gets its data source and dashboard from the repository's files.
     */
    @Test
    void prometheusScrapesEveryComponentAndGrafanaIsProvisionedFromTheRepository() throws Exception {
        JsonObject prometheus = services.get("prometheus");
        assertTrue(prometheus.get("image").getAsString().startsWith("prom/prometheus:"), prometheus.toString());
        assertTrue(prometheus.getAsJsonArray("volumes").toString().contains("/docker/prometheus/prometheus.yml"),
                prometheus.get("volumes").toString());
        String scrape = java.nio.file.Files.readString(Project.root().resolve("docker/prometheus/prometheus.yml"));
        Matcher target = Pattern.compile("- targets: \\[\"([a-z-]+):(\\d+)\"]").matcher(scrape);
        java.util.Set<String> scraped = new java.util.TreeSet<>();
        while (target.find()) {
            String name = target.group(1);
            String port = target.group(2);
            scraped.add(name);
            JsonObject service = services.get(name);
            assertTrue(service != null, "prometheus.yml scrapes " + name + ", which compose does not run");
            assertTrue(service.get("command").toString().contains("\"--metrics-port\",\"" + port + "\""),
                    name + " is not started with --metrics-port " + port + ": " + service.get("command"));
            String health = service.getAsJsonObject("healthcheck").get("test").toString();
            assertTrue(name.equals("stream-job") || health.contains("healthcheck-ready.sh\",\"" + port + "\""),
                    name + " health check does not ask /ready on " + port + ": " + health);
        }
        assertEquals(new java.util.TreeSet<>(List.of("stream-job", "sink-raw", "sink-derived", "sink-late",
                "simulator")), scraped, "scrape targets");

        JsonObject grafana = services.get("grafana");
        assertTrue(grafana.get("image").getAsString().startsWith("grafana/grafana:"), grafana.toString());
        String volumes = grafana.getAsJsonArray("volumes").toString();
        assertTrue(volumes.contains("/docker/grafana/provisioning:/etc/grafana/provisioning:ro"), volumes);
        assertTrue(volumes.contains("/docker/grafana/dashboards:/var/lib/grafana/dashboards:ro"), volumes);
        String datasource = java.nio.file.Files.readString(
                Project.root().resolve("docker/grafana/provisioning/datasources/prometheus.yml"));
        assertTrue(datasource.contains("url: http://prometheus:9090"), datasource);
        JsonObject dashboard = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(
                Project.root().resolve("docker/grafana/dashboards/sensorpipe.json"))).getAsJsonObject();
        for (JsonElement panel : dashboard.getAsJsonArray("panels")) {
            assertTrue(datasource.contains("uid: " + panel.getAsJsonObject().getAsJsonObject("datasource")
                    .get("uid").getAsString()), "panel " + panel.getAsJsonObject().get("title") + " data source");
        }
    }
}
