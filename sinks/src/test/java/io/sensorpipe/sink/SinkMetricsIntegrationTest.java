package io.sensorpipe.sink;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.metrics.MetricsServer;
import io.sensorpipe.common.metrics.Readiness;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw sink's metrics endpoint against the embedded stack's real broker and MongoDB-wire server: the counters
 * scraped over HTTP agree with what MongoDB holds, the end-to-end histogram has one observation per stored document,
 * the lag per partition is there, and /ready follows the loop.
 */
class SinkMetricsIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    @Test
    void scrapedCountersAgreeWithMongoDb() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(StackConfig.builder().dataDir(dataDir).build());
             TestKafka kafka = new TestKafka(stack.bootstrapServers());
             MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            List<Reading> produced = TestKafka.readings("room", 4, 250);
            kafka.sendReadings(Names.TOPIC_READINGS, produced);
            kafka.sendNow(Names.TOPIC_READINGS, "room-00", "{not json");

            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            SinkConfig config = SinkConfig.of(SinkKind.RAW, kafka.clientProperties(), stack.mongoUri(), Names.DATABASE)
                    .withProgressInterval(Duration.ofSeconds(2));
            try (MetricsServer metrics = MetricsServer.start("sink-raw", port, new Readiness())) {
                Sink sink = Sink.start(config, metrics);
                try {
                    TestKafka.awaitHandled(sink, produced.size() + 1, Duration.ofMinutes(2));
                    MongoDatabase db = mongo.getDatabase(Names.DATABASE);
                    long stored = db.getCollection(Names.COLL_READINGS).countDocuments();
                    long dead = db.getCollection(Names.COLL_DEAD_LETTERS).countDocuments();
                    assertEquals(produced.size(), stored);
                    assertEquals(1, dead);

                    String text = awaitScrape(port, "sensorpipe_sink_consumer_lag_records{", "} 0.0");
                    String raw = "sink=\"raw\"";
                    assertEquals(stored, value(text, "sensorpipe_sink_documents_written_total", raw));
                    assertEquals(dead, value(text, "sensorpipe_sink_dead_letters_total", raw));
                    assertEquals(0, value(text, "sensorpipe_sink_duplicates_skipped_total", raw));
                    assertEquals(0, value(text, "sensorpipe_sink_retries_total", raw));
                    assertEquals(0, value(text, "sensorpipe_sink_backoff_seconds", raw));
                    assertEquals(stored, value(text, "sensorpipe_sink_end_to_end_latency_seconds_count", raw));
                    assertTrue(value(text, "sensorpipe_sink_bulk_write_seconds_count", raw) >= 1, text);
                    // readings were made 60 s to 310 s ago: the latency buckets say so
                    assertEquals(0, value(text, "sensorpipe_sink_end_to_end_latency_seconds_bucket", "le=\"30.0\""));
                    assertEquals(stored, value(text, "sensorpipe_sink_end_to_end_latency_seconds_bucket",
                            "le=\"+Inf\""));
                    assertTrue(text.contains("sensorpipe_sink_consumer_lag_records{component=\"sink-raw\","
                            + "partition=\"0\""), text);
                    assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM metrics");
                    assertEquals(200, get(port, "/ready").statusCode());
                    assertEquals(200, get(port, "/health").statusCode());
                } finally {
                    sink.close();
                }
                HttpResponse<String> after = get(port, "/ready");
                assertEquals(503, after.statusCode());
                assertTrue(after.body().contains("loop running"), after.body());
            }
        }
    }

    /** Scrapes until the text has a line containing both parts (the lag is measured once a second). */
    private static String awaitScrape(int port, String part, String end) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String text = get(port, "/metrics").body();
            if (text.lines().anyMatch(l -> l.startsWith(part) && l.endsWith(end))) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line " + part + "..." + end + " in\n" + text);
            }
            Thread.sleep(200);
        }
    }

    /** The value of the one series of {@code name} whose labels contain {@code label}. */
    static long value(String text, String name, String label) {
        List<String> lines = text.lines().filter(l -> l.startsWith(name + "{") && l.contains(label)).toList();
        assertEquals(1, lines.size(), name + " " + label + " in\n" + text);
        String line = lines.get(0);
        return Math.round(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
