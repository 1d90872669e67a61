package io.sensorpipe.launcher.run;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics endpoint of each component of a run: its own free port, handed to it as {@code --metrics-port}, and
 * the lines that say where {@code /metrics}, {@code /health} and {@code /ready} are.
 */
final class MetricsPorts {
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    /** A free port for each named component. */
    static MetricsPorts allocate(List<String> components) throws IOException {
        MetricsPorts m = new MetricsPorts();
        for (String c : components) {
            try (ServerSocket s = new ServerSocket(0)) {
                m.ports.put(c, s.getLocalPort());
            }
        }
        return m;
    }

    /** The arguments that give {@code component} its port. */
    List<String> args(String component, List<String> args) {
        List<String> out = new ArrayList<>(args);
        out.add("--metrics-port");
        out.add(Integer.toString(ports.get(component)));
        return out;
    }

    /** One scrape of every component's metrics, by component name. */
    Map<String, Scrape> scrapeAll() {
        Map<String, Scrape> out = new LinkedHashMap<>();
        ports.forEach((c, p) -> out.put(c, Scrape.of(p)));
        return out;
    }

    /** One line per component: where its metrics are. */
    void print(PrintStream out) {
        out.println("metrics (Prometheus text; /health and /ready beside each):");
        ports.forEach((c, p) -> out.printf("  %-13s http://localhost:%d/metrics%n", c, p));
    }
}
