package io.sensorpipe.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sensorpipe.common.config.ServiceException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One component's metrics: a Prometheus registry with the JVM's metrics bound, every series tagged
 * {@code component=<name>}, and, unless the port is 0, an HTTP endpoint (the JDK's server, one daemon thread) with
 * {@code /metrics} (Prometheus text format), {@code /health} (200 while the process serves) and {@code /ready} (200
 * when every {@link Readiness} condition holds, else 503 with the unmet ones).
 */
public final class MetricsServer implements AutoCloseable {
    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;
    private final JvmGcMetrics gc;
    private final HttpServer http;
    private final ExecutorService executor;

    private MetricsServer(String component, int port, Readiness readiness) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.readiness = readiness;
        registry.config().commonTags(List.of(Tag.of("component", component)));
        new JvmMemoryMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (port == 0) {
            http = null;
            executor = null;
            return;
        }
        try {
            http = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            gc.close();
            registry.close();
            throw new ServiceException(component + ": cannot serve metrics on " + MetricsOptions.FLAG + " " + port
                    + ": " + e.getMessage(), e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, component + "-metrics");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/metrics", ex -> respond(ex, 200, PROMETHEUS_TEXT, registry.scrape()));
        http.createContext("/health", ex -> respond(ex, 200, "text/plain; charset=utf-8", "alive\n"));
        http.createContext("/ready", ex -> {
            List<String> unmet = readiness.unmet();
            respond(ex, unmet.isEmpty() ? 200 : 503, "text/plain; charset=utf-8",
                    unmet.isEmpty() ? "ready\n" : "not ready: " + String.join(", ", unmet) + "\n");
        });
        http.start();
    }

    /**
     * The registry of {@code component} and, for a port above 0, its endpoint, listening on every interface.
     *
     * @throws ServiceException when the port cannot be bound
     */
    public static MetricsServer start(String component, int port, Readiness readiness) {
        return new MetricsServer(component, port, readiness);
    }

    /** The registry the component's meters go to. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The readiness conditions; components add theirs as they connect. */
    public Readiness readiness() {
        return readiness;
    }

    /** The port listened on, or 0 when the endpoint is off. */
    public int port() {
        return http == null ? 0 : http.getAddress().getPort();
    }

    /** Stops the endpoint (at once) and the JVM metrics. */
    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
            executor.shutdownNow();
        }
        gc.close();
        registry.close();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
