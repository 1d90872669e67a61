package io.sensorpipe.streaming.state;

import io.sensorpipe.streaming.JobSettings;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The early restore never holds up the start of the streaming context: reading the group's positions takes a second
 * or more in a cold JVM (and up to the admin timeouts when Kafka is slow), so it runs in the background; a task that
 * takes a state meanwhile waits for it rather than restoring the partition a second time.
 */
class EarlyRestoreTest {
    private final List<Socket> accepted = new ArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void close() throws Exception {
        PartitionStateStore.clear();
        for (Socket s : accepted) {
            s.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    /** A "broker" that accepts connections and never answers: every admin request waits for its timeout. */
    private String silentBroker() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = silent.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        }, "silent-broker");
        t.setDaemon(true);
        t.start();
        return "127.0.0.1:" + silent.getLocalPort();
    }

    @Test
    void startReturnsAtOnceAndATakeWaitsForThePositions() throws Exception {
        JobSettings settings = new JobSettings(AnalyticsSettings.of(Duration.ofSeconds(60), Duration.ofSeconds(30)),
                "alpha", "readings.dlq", Map.of("bootstrap.servers", silentBroker()));
        // before: start read the positions on the caller's thread, so the Spark context waited for them (here the
        // admin timeouts, 15-20 s)
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> EarlyRestore.start(settings, "readings", "g"));
        // on a thread of its own: it stays blocked until the admin timeouts, which must not hold up the common pool
        CompletableFuture<PartitionAnalytics> take = CompletableFuture.supplyAsync(() ->
                PartitionStateStore.take(settings.stateScope(), "readings", 0, 0), r -> {
                    Thread t = new Thread(r, "task-taking-a-state");
                    t.setDaemon(true);
                    t.start();
                });
        // the positions are not known yet: the task neither restores by itself nor goes on without the state
        assertThrows(TimeoutException.class, () -> take.get(1, TimeUnit.SECONDS));
    }
}
