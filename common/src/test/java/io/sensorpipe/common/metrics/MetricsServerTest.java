package io.sensorpipe.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.ServiceException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesMetricsHealthAndReadiness() throws Exception {
        AtomicBoolean connected = new AtomicBoolean(false);
        Readiness readiness = new Readiness().require("kafka", connected::get).require("loop", () -> true);
        int port = freePort();
        try (MetricsServer server = MetricsServer.start("test-component", port, readiness)) {
            assertEquals(port, server.port());
            Counter.builder("sensorpipe.test.things").register(server.registry()).increment(3);

            HttpResponse<String> metrics = get(port, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(metrics.body().contains("sensorpipe_test_things_total{component=\"test-component\"} 3.0"),
                    metrics.body());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes{"), "JVM metrics are bound");
            assertTrue(metrics.body().contains("jvm_gc_"), "GC metrics are bound");
            assertTrue(metrics.body().contains("process_cpu_usage"), "processor metrics are bound");

            assertEquals(200, get(port, "/health").statusCode());
            HttpResponse<String> notReady = get(port, "/ready");
            assertEquals(503, notReady.statusCode());
            assertEquals("not ready: kafka\n", notReady.body());
            connected.set(true);
            HttpResponse<String> ready = get(port, "/ready");
            assertEquals(200, ready.statusCode());
            assertEquals("ready\n", ready.body());
        }
    }

    @Test
    void aThrowingConditionIsNotMet() {
        Readiness r = new Readiness().require("mongodb", () -> {
            throw new IllegalStateException("down");
        });
        assertEquals(java.util.List.of("mongodb"), r.unmet());
    }

    @Test
    void portZeroServesNothingButKeepsTheRegistry() {
        try (MetricsServer server = MetricsServer.start("off", 0, new Readiness())) {
            assertEquals(0, server.port());
            assertTrue(server.registry().scrape().contains("jvm_memory_used_bytes"));
        }
    }

    @Test
    void aPortInUseIsAServiceFailureNamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            ServiceException e = assertThrows(ServiceException.class,
                    () -> MetricsServer.start("c", taken.getLocalPort(), new Readiness()));
            assertTrue(e.getMessage().contains("--metrics-port"), e.getMessage());
        }
    }

    @Test
    void badPortsExitTwoWithOneLineNamingTheFlag() {
        for (String bad : new String[]{"-1", "65536", "http", "", "1.5"}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream old = System.err;
            int code;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                code = Cli.execute(new PortCommand(), "--metrics-port=" + bad);
            } finally {
                System.setErr(old);
            }
            String out = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, bad);
            assertEquals(1, out.lines().count(), out);
            assertTrue(out.contains("--metrics-port"), out);
        }
        assertEquals(0, MetricsOptions.parse("0"));
        assertEquals(9464, MetricsOptions.parse(" 9464 "));
    }

    @Command(name = "port")
    static final class PortCommand implements Callable<Integer> {
        @Mixin
        MetricsOptions metrics;

        @Override
        public Integer call() {
            return metrics.port() >= 0 ? 0 : 1;
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
