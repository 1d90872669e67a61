package io.sensorpipe.launcher.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of a component's {@code /metrics} (the Prometheus text format Prometheus itself reads): each sample's
 * value summed per metric name over its label sets. What the status line of {@code bin/pipeline run} shows, so it
 * reads the same counters as Prometheus and the Grafana dashboard.
 */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** A component that does not answer (not started, exited, metrics off). */
    static final Scrape NONE = new Scrape(Map.of());

    private final Map<String, Double> sums;

    private Scrape(Map<String, Double> sums) {
        this.sums = sums;
    }

    /** Scrapes {@code http://127.0.0.1:port/metrics}; {@link #NONE} when it does not answer with 200 in 2 s. */
    static Scrape of(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? parse(r.body()) : NONE;
        } catch (IOException e) {
            return NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NONE;
        }
    }

    /**
     * Parses the text format: {@code name{labels} value [timestamp]} per sample line, {@code #} lines skipped; a
     * label value may hold spaces and an escaped quote, so the value is read after the closing brace.
     */
    static Scrape parse(String text) {
        Map<String, Double> sums = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name;
            String rest;
            if (brace >= 0 && (space < 0 || brace < space)) {
                int close = closingBrace(line, brace);
                if (close < 0) {
                    continue;
                }
                name = line.substring(0, brace);
                rest = line.substring(close + 1).trim();
            } else if (space > 0) {
                name = line.substring(0, space);
                rest = line.substring(space + 1).trim();
            } else {
                continue;
            }
            int end = rest.indexOf(' ');
            try {
                double v = Double.parseDouble(end < 0 ? rest : rest.substring(0, end));
                if (!Double.isNaN(v)) {
                    sums.merge(name, v, Double::sum);
                }
            } catch (NumberFormatException e) {
                // not a sample line: ignored, as Prometheus would reject only that line
            }
        }
        return new Scrape(sums);
    }

    /** The brace closing the label set opened at {@code open}, skipping quoted label values. */
    private static int closingBrace(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** True when the component answered. */
    boolean answered() {
        return this != NONE;
    }

    /** The sum of the metric's samples, rounded; -1 when the component did not answer or has no such metric. */
    long get(String name) {
        Double v = sums.get(name);
        return v == null ? -1 : Math.round(v);
    }
}
