package io.sensorpipe.reliability.observability;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sensorpipe.reliability.harness.Project;
import io.sensorpipe.reliability.harness.Waits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (Debian's {@code prometheus} binary, or {@code $PROMETHEUS}) run with the repository's
 * scrape configuration ({@code docker/prometheus/prometheus.yml}), each job's target pointed at a local port and the
 * scrape interval shortened; queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {
    /** The repository's scrape configuration. */
    static final Path CONFIG = Project.home().resolve("docker/prometheus/prometheus.yml");
    private static final Pattern TARGET = Pattern.compile("(- job_name: ([a-z-]+)\\s+static_configs:\\s+- targets: "
            + "\\[\")[a-z-]+:\\d+(\"\\])");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Prometheus in {@code dir} on {@code port}, scraping each job of the repository's configuration at
     * {@code 127.0.0.1:<targets.get(job)>} every {@code interval}; waits until it is ready.
     */
    static PrometheusServer start(Path dir, int port, Map<String, Integer> targets, String interval) {
        try {
            String config = Files.readString(CONFIG);
            Matcher m = TARGET.matcher(config);
            StringBuilder sb = new StringBuilder();
            int jobs = 0;
            while (m.find()) {
                Integer p = targets.get(m.group(2));
                if (p == null) {
                    throw new AssertionError("the test has no port for scrape job " + m.group(2));
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "127.0.0.1:" + p + m.group(3)));
                jobs++;
            }
            m.appendTail(sb);
            if (jobs != targets.size()) {
                throw new AssertionError(CONFIG + " has " + jobs + " scrape jobs, the test runs " + targets.size());
            }
            String local = sb.toString().replaceAll("(scrape_interval|evaluation_interval): \\S+", "$1: " + interval)
                    .replaceAll("scrape_timeout: \\S+", "scrape_timeout: " + interval);
            Files.createDirectories(dir);
            Path file = dir.resolve("prometheus.yml");
            Files.writeString(file, local);
            String binary = System.getenv().getOrDefault("PROMETHEUS", "prometheus");
            Process p = new ProcessBuilder(binary, "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            PrometheusServer server = new PrometheusServer(p, port);
            Waits.until("Prometheus to be ready", Duration.ofSeconds(60), server::ready);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Prometheus ('bin/pipeline tools' installs it)", e);
        }
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("Prometheus exited with " + process.exitValue());
        }
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The result vector of an instant query; fails when Prometheus says the query is bad. */
    JsonArray query(String promql) {
        try {
            HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
            if (r.statusCode() != 200 || !"success".equals(body.get("status").getAsString())) {
                throw new AssertionError("query " + promql + " failed: " + r.body());
            }
            JsonObject data = body.getAsJsonObject("data");
            if (!"vector".equals(data.get("resultType").getAsString())) {
                throw new AssertionError("query " + promql + " gave a " + data.get("resultType"));
            }
            return data.getAsJsonArray("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one value of a query that yields one series; fails otherwise. */
    double value(String promql) {
        JsonArray result = query(promql);
        if (result.size() != 1) {
            throw new AssertionError("query " + promql + " yields " + result.size() + " series: " + result);
        }
        return Double.parseDouble(result.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
    }

    /** The scrape targets' health as Prometheus reports it (job -> "up"/"down"/"unknown"). */
    List<String> targetHealth() {
        try {
            JsonObject body = JsonParser.parseString(get("/api/v1/targets").body()).getAsJsonObject();
            return body.getAsJsonObject("data").getAsJsonArray("activeTargets").asList().stream()
                    .map(t -> t.getAsJsonObject().getAsJsonObject("labels").get("job").getAsString() + "="
                            + t.getAsJsonObject().get("health").getAsString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
