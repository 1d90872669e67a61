package io.sensorpipe.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * docker-compose.yml as Debian's docker-compose sees it: validated and interpolated by {@code docker-compose config},
 * then read as JSON (YAML to JSON by python3-yaml, which docker-compose itself depends on).
 */
final class ComposeFile {
    static final String FILE = "docker-compose.yml";
    /** The secrets docker-compose.yml must demand from the environment. */
    static final List<String> SECRETS = List.of("MONGO_ROOT_PASSWORD", "MONGO_WRITER_PASSWORD", "MONGO_ANALYST_PASSWORD",
            "KAFKA_ADMIN_PASSWORD", "KAFKA_SIMULATOR_PASSWORD", "KAFKA_STREAM_JOB_PASSWORD", "KAFKA_SINK_RAW_PASSWORD",
            "KAFKA_SINK_DERIVED_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
    private static final String YAML_TO_JSON =
            "import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)";

    private ComposeFile() {
    }

    /** The override for a Kafka cluster that needs client secrets (mounted wherever Kafka clients run). */
    static final String KAFKA_SECRETS_OVERRIDE = "docker-compose.kafka-client-secrets.yml";

    /** Runs {@code docker-compose --env-file envFile -f docker-compose.yml config [args]} with no secret inherited. */
    static Project.Result config(Path envFile, String... args) throws IOException, InterruptedException {
        return config(List.of(FILE), envFile, args);
    }

    /** The same with {@code -f} for each of {@code files}, in order (the base file and overrides). */
    static Project.Result config(List<String> files, Path envFile, String... args)
            throws IOException, InterruptedException {
        String compose = Project.requireTool("docker-compose", "apt-get install -y docker-compose");
        List<String> command = new ArrayList<>(List.of(compose, "--env-file", envFile.toString()));
        files.forEach(f -> command.addAll(List.of("-f", f)));
        command.add("config");
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        System.getenv().keySet().stream().filter(k -> k.startsWith("MONGO_") || k.startsWith("KAFKA_"))
                .forEach(k -> env.put(k, null));
        return Project.run(command, env, null);
    }

    /** The effective configuration (after interpolation with {@code envFile}) as JSON. */
    static JsonObject effective(Path envFile) throws IOException, InterruptedException {
        return effective(List.of(FILE), envFile);
    }

    /** The effective configuration of the base file and overrides. */
    static JsonObject effective(List<String> files, Path envFile) throws IOException, InterruptedException {
        Project.Result result = config(files, envFile);
        if (result.exitCode() != 0) {
            throw new AssertionError("docker-compose config failed:\n" + result.output());
        }
        return yamlToJson(result.output());
    }

    /** The file as written (variables not interpolated) as JSON. */
    static JsonObject raw() throws IOException, InterruptedException {
        return yamlToJson(Files.readString(Project.root().resolve(FILE)));
    }

    private static JsonObject yamlToJson(String yaml) throws IOException, InterruptedException {
        String python = composePython();
        Project.Result r = Project.run(List.of(python, "-c", YAML_TO_JSON), Map.of(), yaml);
        if (r.exitCode() != 0) {
            throw new AssertionError("YAML to JSON failed: " + r.output());
        }
        return JsonParser.parseString(r.output()).getAsJsonObject();
    }

    /** The Python that runs docker-compose (its shebang): it has the YAML module docker-compose needs. */
    private static String composePython() throws IOException {
        Path compose = Path.of(Project.requireTool("docker-compose", "apt-get install -y docker-compose"));
        String first = Files.readAllLines(compose.toRealPath()).stream().findFirst().orElse("");
        if (first.startsWith("#!") && first.contains("python")) {
            return first.substring(2).trim().split("\\s+")[0];
        }
        return Project.requireTool("python3", "apt-get install -y python3-yaml");
    }

    /** Writes an env file with dummy values for every secret, minus {@code omitted}. */
    static Path dummyEnv(Path dir, String... omitted) throws IOException {
        return dummyEnv(dir, Map.of(), omitted);
    }

    /** The same with extra settings. */
    static Path dummyEnv(Path dir, Map<String, String> extra, String... omitted) throws IOException {
        StringBuilder sb = new StringBuilder();
        extra.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        for (String secret : SECRETS) {
            if (!List.of(omitted).contains(secret)) {
                sb.append(secret).append("=dummy-").append(secret.toLowerCase()).append('\n');
            }
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("compose-" + String.join("-", omitted) + "-" + String.join("-", extra.keySet())
                + ".env");
        Files.writeString(file, sb.toString());
        return file;
    }

    /** The services object of a configuration. */
    static Map<String, JsonObject> services(JsonObject config) {
        Map<String, JsonObject> out = new HashMap<>();
        for (Map.Entry<String, JsonElement> e : config.getAsJsonObject("services").entrySet()) {
            out.put(e.getKey(), e.getValue().getAsJsonObject());
        }
        return out;
    }

    /** A one-shot job: runs to completion, is never restarted, and others wait for it to complete. */
    static boolean isOneShot(JsonObject service) {
        return service.has("restart") && "no".equals(service.get("restart").getAsString());
    }

    /** A service's environment as a map (list form "K=V" or map form). */
    static Map<String, String> environment(JsonObject service) {
        Map<String, String> env = new HashMap<>();
        if (!service.has("environment")) {
            return env;
        }
        JsonElement e = service.get("environment");
        if (e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(kv -> env.put(kv.getKey(),
                    kv.getValue().isJsonNull() ? "" : kv.getValue().getAsString()));
        } else {
            e.getAsJsonArray().forEach(item -> {
                String[] kv = item.getAsString().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return env;
    }

    /** A compose duration ("1m30s", "120s", "2m", as docker-compose prints them) in seconds. */
    static long seconds(String duration) {
        long total = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([hms])").matcher(duration);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                default -> n;
            };
        }
        return total;
    }
}
