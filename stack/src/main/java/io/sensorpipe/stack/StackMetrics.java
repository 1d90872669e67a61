package io.sensorpipe.stack;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sensorpipe.common.metrics.MetricsServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The embedded stack's series: whether the broker and the database server each run and accept connections, and how
 * long the stack took to start. Its {@code /ready}: both accept connections.
 */
final class StackMetrics {
    private StackMetrics() {
    }

    static void bind(MetricsServer server, EmbeddedStack stack) {
        MeterRegistry r = server.registry();
        Gauge.builder("sensorpipe_stack_server_up", stack, s -> answers(s.kafkaPort()) ? 1 : 0)
                .tag("server", "kafka").description("1 while the embedded Kafka broker accepts connections")
                .register(r);
        Gauge.builder("sensorpipe_stack_server_up", stack, s -> answers(s.mongoPort()) ? 1 : 0)
                .tag("server", "mongodb").description("1 while the embedded MongoDB-wire server accepts connections")
                .register(r);
        Gauge.builder("sensorpipe_stack_processes", stack, s -> s.childPids().size())
                .description("server processes of the stack that run (2 when healthy)").register(r);
        Gauge.builder("sensorpipe_stack_startup_seconds", stack, s -> s.startupMillis() / 1000.0)
                .description("from start until both servers were ready, topics created and mongo-init applied")
                .register(r);
        server.readiness().require("kafka accepts connections", () -> answers(stack.kafkaPort()))
                .require("mongodb accepts connections", () -> answers(stack.mongoPort()));
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
