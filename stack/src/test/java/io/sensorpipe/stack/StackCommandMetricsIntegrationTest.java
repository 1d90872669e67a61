package io.sensorpipe.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensorpipe.common.config.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/pipeline stack --metrics-port}: its series, /health and /ready while it runs, on a real stack. */
class StackCommandMetricsIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void theRunningStackServesItsSeriesAndIsReadyWhileBothServersAnswer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CountDownLatch stop = new CountDownLatch(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread stack = new Thread(() -> exit.set(Cli.execute(new StackCommand(new PrintStream(out, true,
                StandardCharsets.UTF_8), stop), "--data-dir", dir.toString(), "--kafka-port", "0", "--mongo-port", "0",
                "--metrics-port", Integer.toString(port))), "stack-under-test");
        stack.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            HttpResponse<String> ready = null;
            while (System.nanoTime() < deadline && stack.isAlive()) {
                try {
                    ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // the endpoint starts once the stack is up
                }
                Thread.sleep(250);
            }
            assertTrue(ready != null && ready.statusCode() == 200, "ready: " + (ready == null ? "never answered"
                    : ready.statusCode() + " " + ready.body()) + "; output: " + out);
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertSeries(metrics, "sensorpipe_stack_server_up\\{.*server=\"kafka\".*\\} 1\\.0");
            assertSeries(metrics, "sensorpipe_stack_server_up\\{.*server=\"mongodb\".*\\} 1\\.0");
            assertSeries(metrics, "sensorpipe_stack_processes\\{.*\\} 2\\.0");
            assertSeries(metrics, "sensorpipe_stack_startup_seconds\\{.*\\} [1-9][0-9.E]*");
            assertSeries(metrics, "jvm_memory_used_bytes\\{.*\\} .*");
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            stop.countDown();
            stack.join(Duration.ofMinutes(2).toMillis());
        }
        assertEquals(0, exit.get(), out.toString(StandardCharsets.UTF_8));
    }

    private static void assertSeries(String metrics, String line) {
        assertTrue(metrics.lines().anyMatch(l -> l.matches(line)), "no line /" + line + "/ in:\n" + metrics);
    }
}
