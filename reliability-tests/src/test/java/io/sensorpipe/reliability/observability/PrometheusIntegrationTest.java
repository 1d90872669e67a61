package io.sensorpipe.reliability.observability;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.Project;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.SimulatorOutcome;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: a real Prometheus server with the repository's scrape configuration scrapes a running pipeline (embedded
 * stack; the job, both sinks and the simulator as their own processes, each with its own --metrics-port). After the
 * run, Prometheus' HTTP API has every series, its counters agree with what Kafka and MongoDB hold, and every query
 * of the Grafana dashboard (docker/grafana/dashboards) yields data.
 */
class PrometheusIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DASHBOARD = Project.home().resolve("docker/grafana/dashboards/sensorpipe.json");
    private static final long COUNT = 3_000;

    /** Series every component must have (the job's restores in progress: local mode, as here). */
    private static final List<String> SERIES = List.of(
            "sensorpipe_job_readings_in_total", "sensorpipe_job_derived_out_total", "sensorpipe_job_duplicates_total",
            "sensorpipe_job_too_late_total", "sensorpipe_job_conflicting_duplicates_total",
            "sensorpipe_job_out_of_order_total", "sensorpipe_job_dead_letters_total", "sensorpipe_job_state_rebuilds_total",
            "sensorpipe_job_batches_total", "sensorpipe_job_batch_processing_seconds_bucket",
            "sensorpipe_job_batch_scheduling_delay_seconds_bucket", "sensorpipe_job_input_lag_records",
            "sensorpipe_job_state_partitions", "sensorpipe_job_state_rooms", "sensorpipe_job_state_readings",
            "sensorpipe_job_state_bytes", "sensorpipe_job_restores_in_progress",
            "sensorpipe_sink_documents_written_total", "sensorpipe_sink_duplicates_skipped_total",
            "sensorpipe_sink_dead_letters_total", "sensorpipe_sink_retries_total", "sensorpipe_sink_backoff_seconds",
            "sensorpipe_sink_batches_total", "sensorpipe_sink_bulk_write_seconds_bucket",
            "sensorpipe_sink_end_to_end_latency_seconds_bucket", "sensorpipe_sink_consumer_lag_records",
            "sensorpipe_sink_partitions_assigned", "sensorpipe_room_temperature_celsius",
            "sensorpipe_room_rolling_avg_celsius",
            "sensorpipe_simulator_records_sent_total", "sensorpipe_simulator_records_acknowledged_total",
            "sensorpipe_simulator_records_failed_total", "sensorpipe_simulator_readings_total",
            "sensorpipe_simulator_target_rate_records_per_second");
    private static final List<String> JOBS = List.of("stream-job", "sink-raw", "sink-derived", "sink-late",
            "simulator");
    private static final List<String> LONG_RUNNING = List.of("stream-job", "sink-raw", "sink-derived", "sink-late");

    @Test
    void prometheusScrapesEverySeriesAndItsCountersAgreeWithMongoDb() throws Exception {
        long t0 = System.nanoTime();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String job : JOBS) {
            ports.put(job, freePort());
        }
        try (TestStack stack = TestStack.start("prometheus");
             StoredDocs db = new StoredDocs(stack.mongoUri());
             PrometheusServer prometheus = PrometheusServer.start(Project.scratch("prometheus-server"), freePort(),
                     ports, "1s")) {
            // L = 20 s: the simulator's out-of-order readings (up to 60 s back) are partly too late
            stack.runWhenReady("stream", List.of("stream", "--batch-interval", "1s", "--window", "10s",
                    "--lateness", "20s", "--metrics-port", ports.get("stream-job").toString()), Ready.STREAM);
            stack.runWhenReady("sink-raw", List.of("sink", "raw", "--metrics-port",
                    ports.get("sink-raw").toString()), Ready.SINK);
            stack.runWhenReady("sink-derived", List.of("sink", "derived", "--metrics-port",
                    ports.get("sink-derived").toString()), Ready.SINK);
            stack.runWhenReady("sink-late", List.of("sink", "late", "--metrics-port",
                    ports.get("sink-late").toString()), Ready.SINK_LATE);
            for (String job : LONG_RUNNING) {
                Waits.until(job + " /ready", Duration.ofMinutes(3), () -> status(ports.get(job), "/ready") == 200);
                assertEquals(200, status(ports.get(job), "/health"), job + " /health");
            }
            ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "8", "--count",
                    Long.toString(COUNT), "--rate", "300", "--seed", "14", "--duplicate-rate", "0.02",
                    "--malformed-rate", "0.01", "--out-of-order-rate", "0.05", "--metrics-port",
                    ports.get("simulator").toString()), Ready.SIMULATOR);
            Waits.until("Prometheus to scrape the simulator", Duration.ofSeconds(30),
                    () -> !prometheus.query("sensorpipe_simulator_records_sent_total").isEmpty());
            assertEquals(0, simulator.awaitExit(Duration.ofMinutes(2)), "simulator exit; log " + simulator.log());
            SimulatorOutcome sim = SimulatorOutcome.last(simulator.logLines());

            TopicReader topics = stack.topicReader();
            long onReadings = topics.endOffsetTotal(Names.TOPIC_READINGS);
            assertEquals(sim.acked(), onReadings, "records on readings");
            Waits.until("the job and the sinks to drain", Duration.ofMinutes(2),
                    () -> topics.groupLag(Names.GROUP_STREAMING, Names.TOPIC_READINGS) == 0
                            && topics.groupLag(Names.GROUP_RAW_SINK, Names.TOPIC_READINGS) == 0
                            && topics.groupLag(Names.GROUP_DERIVED_SINK, Names.TOPIC_ALPHA) == 0
                            && topics.groupLag(Names.GROUP_LATE_SINK, Names.TOPIC_LATE) == 0);
            long alpha = topics.endOffsetTotal(Names.TOPIC_ALPHA);
            long dlq = topics.endOffsetTotal(Names.TOPIC_DLQ);
            long readings = db.count(Names.COLL_READINGS);
            long analytics = db.count(Names.COLL_ANALYTICS);
            long late = db.count(Names.COLL_LATE);
            List<org.bson.Document> lateDocs = db.collection(Names.COLL_LATE).find().into(new ArrayList<>());
            long rawDead = db.deadLetters().stream().filter(d -> "sink-raw".equals(d.getString("stage"))).count();
            // the job reads its input lag from Kafka every 5 s and Prometheus scrapes every second: wait for a scrape
            // of the drained state (a fixed 4 s sleep lost that race in a CI rehearsal: lag 188 seen)
            Waits.until("Prometheus to see the drained lags", Duration.ofSeconds(30),
                    () -> prometheus.value("sum(sensorpipe_job_input_lag_records)") == 0
                            && prometheus.value("sum(sensorpipe_sink_consumer_lag_records)") == 0);
            Waits.sleep(2_000);   // and a couple more scrapes of it

            List<String> missing = new ArrayList<>();
            for (String series : SERIES) {
                // the simulator has exited: its series are stale now, so look back over the run
                if (prometheus.query("last_over_time(" + series + "[10m])").isEmpty()) {
                    missing.add(series);
                }
            }
            for (String job : JOBS) {
                if (prometheus.query("last_over_time(jvm_memory_used_bytes{job=\"" + job + "\"}[10m])").isEmpty()) {
                    missing.add("jvm_memory_used_bytes of " + job);
                }
            }
            assertEquals(List.of(), missing, "series Prometheus does not have");
            for (String job : LONG_RUNNING) {
                assertEquals(1.0, prometheus.value("up{job=\"" + job + "\"}"), job + " up; " + prometheus.targetHealth());
            }

            // the job: every input record once, in exactly one of the outcomes
            assertEquals(onReadings, (long) prometheus.value("sum(sensorpipe_job_readings_in_total)"), "job in");
            assertEquals(alpha, (long) prometheus.value("sum(sensorpipe_job_derived_out_total)"), "job derived");
            assertEquals(analytics, alpha, "room_analytics holds every derived record (no replays here)");
            assertEquals(dlq, (long) prometheus.value("sum(sensorpipe_job_dead_letters_total)"), "job dead letters");
            long duplicates = (long) prometheus.value("sum(sensorpipe_job_duplicates_total)");
            assertTrue(duplicates > 0, "the simulator sent duplicates");
            assertEquals(onReadings, alpha + duplicates + dlq
                    + (long) prometheus.value("sum(sensorpipe_job_too_late_total)"), "job outcomes add up");
            assertEquals(0, (long) prometheus.value("sum(sensorpipe_job_input_lag_records)"), "job lag after drain");

            // late data: each too-late reading stored once, with how late it was and where it came from; the
            // simulator re-sends the same bytes, so no conflicting duplicate, and a re-sent too-late reading is out of
            // order once a higher seq was accepted: published again, stored once (same _id)
            long tooLate = (long) prometheus.value("sum(sensorpipe_job_too_late_total)");
            long outOfOrder = (long) prometheus.value("sum(sensorpipe_job_out_of_order_total)");
            assertTrue(tooLate > 0, "the out-of-order readings include some more than L = 20 s late");
            assertEquals(0, (long) prometheus.value("sum(sensorpipe_job_conflicting_duplicates_total)"));
            List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> published =
                    topics.readAll(Names.TOPIC_LATE);
            assertEquals(tooLate + outOfOrder, published.size(), "readings.late (no replays here)");
            long distinct = published.stream().map(r -> io.sensorpipe.common.LateReading.parse(r.value()).value().id())
                    .distinct().count();
            assertEquals(distinct, late, "late_readings holds each late reading once");
            assertTrue(late <= tooLate, "every stored one was first too late");
            assertTrue(prometheus.value("sum(sensorpipe_job_state_bytes)") > 8 * 32,
                    "the state of 8 rooms takes bytes");
            assertEquals(late, (long) prometheus.value("sensorpipe_sink_documents_written_total{sink=\"late\"}"));
            for (org.bson.Document d : lateDocs) {
                long lateMillis = ((Number) d.get("lateMillis")).longValue();
                assertTrue(lateMillis > 20_000 && lateMillis <= 65_000, "lateness of " + d.toJson());
                assertEquals(lateMillis, d.getDate("maxTs").getTime() - d.getDate("ts").getTime(), d.toJson());
                assertEquals(Names.TOPIC_READINGS, d.get("src", org.bson.Document.class).getString("topic"));
                assertEquals("too late", d.getString("reason"));
            }
            assertEquals(0, (long) prometheus.value("sum(sensorpipe_job_restores_in_progress)"), "restores");
            assertTrue(prometheus.value("sum(sensorpipe_job_batch_processing_seconds_count)") >= 1, "batches timed");

            // the sinks: what MongoDB holds
            String raw = "{sink=\"raw\"}";
            String derived = "{sink=\"derived\"}";
            assertEquals(readings, (long) prometheus.value("sensorpipe_sink_documents_written_total" + raw));
            assertEquals(analytics, (long) prometheus.value("sensorpipe_sink_documents_written_total" + derived));
            assertEquals(rawDead, (long) prometheus.value("sensorpipe_sink_dead_letters_total" + raw));
            assertTrue(rawDead > 0, "the simulator sent malformed records");
            assertEquals(onReadings, readings + rawDead
                    + (long) prometheus.value("sensorpipe_sink_duplicates_skipped_total" + raw), "raw sink handled");
            assertEquals(readings, (long) prometheus.value("sensorpipe_sink_end_to_end_latency_seconds_count" + raw));
            assertEquals(analytics, (long) prometheus.value(
                    "sensorpipe_sink_end_to_end_latency_seconds_count" + derived));
            assertEquals(0, (long) prometheus.value("sum(sensorpipe_sink_consumer_lag_records)"), "sink lag");
            assertEquals(8, prometheus.query("sensorpipe_room_temperature_celsius").size(), "rooms with a series");
            double p99 = prometheus.value("histogram_quantile(0.99, sum by (le) "
                    + "(sensorpipe_sink_end_to_end_latency_seconds_bucket" + raw + "))");
            // out-of-order readings carry event times up to 60 s back: the latency counts from the event time
            assertTrue(p99 > 0 && p99 < 120, "raw end-to-end p99 " + p99 + " s");

            // the simulator: its last scrape before it exited saw at most what it finally reported
            double acked = prometheus.value("max(max_over_time(sensorpipe_simulator_records_acknowledged_total[10m]))");
            assertTrue(acked > 0 && acked <= sim.acked(), "simulator acknowledged " + acked + " of " + sim.acked());
            assertEquals(0, prometheus.value("max(max_over_time(sensorpipe_simulator_records_failed_total[10m]))"));

            // the dashboard: every query yields data
            List<String> empty = new ArrayList<>();
            List<String> exprs = dashboardQueries();
            for (String expr : exprs) {
                if (prometheus.query(expr).isEmpty()) {
                    empty.add(expr);
                }
            }
            assertEquals(List.of(), empty, "dashboard queries without data");
            Results.record("prometheus", String.format("%d records (%d too late, stored once), %d series names and %d"
                            + " dashboard queries checked in %d s; raw end-to-end p99 %.2f s", onReadings, late,
                    SERIES.size(), exprs.size(), (System.nanoTime() - t0) / 1_000_000_000L, p99));
        }
    }

    /** Every {@code expr} of the dashboard's panels. */
    static List<String> dashboardQueries() throws IOException {
        List<String> exprs = new ArrayList<>();
        for (JsonElement panel : JsonParser.parseString(Files.readString(DASHBOARD)).getAsJsonObject()
                .getAsJsonArray("panels")) {
            for (JsonElement target : panel.getAsJsonObject().getAsJsonArray("targets")) {
                exprs.add(target.getAsJsonObject().get("expr").getAsString());
            }
        }
        assertTrue(exprs.size() >= 10, "the dashboard's queries: " + exprs);
        return exprs;
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
