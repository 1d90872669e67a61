package io.sensorpipe.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sensorpipe.common.process.ProjectHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI smoke version of {@code bin/pipeline bench}: small sizes; every row is produced. No timing is asserted. */
class BenchSmokeIntegrationTest {
    private static final List<String> EXPECTED_ROWS = List.of(
            "simulator|simulate --rooms", "simulator|Kafka ProducerPerformance",
            "streaming job|local[1]", "streaming job|local[2]",
            "restart after SIGKILL|alpha 5,000 records, snapshots", "restart after SIGKILL|no snapshots",
            "sink|sink raw", "sink|sink derived", "sink|driver insertMany ceiling, raw",
            "sink|driver insertMany ceiling, derived", "sink|tutorial",
            "ratio|simulator / ProducerPerformance", "ratio|sink raw / driver", "ratio|sink derived / driver",
            "ratio|sink raw / tutorial", "end-to-end|latency at 1000 readings/s, batch 500ms",
            "sink latency|sink raw, +10 ms per round trip, 1 write in flight",
            "sink latency|sink raw, +10 ms per round trip, 4 writes in flight",
            "ratio|sink raw +10 ms per round trip, 4 / 1 writes in flight",
            // the peers (issue 13): each next to the project's component, with the ratios
            "peer|Kafka Streams", "streaming job|next to Kafka Streams", "ratio|job / Kafka Streams, launch -> done",
            "ratio|job / Kafka Streams, steady", "peer|MongoDB Kafka sink connector", "sink|sink raw, next to the connector",
            "ratio|sink raw / connector, launch -> done", "ratio|sink raw / connector, steady");

    @TempDir
    Path dir;

    @Test
    void smokeBenchProducesEveryRowOfTheTableAndTheJson() throws Exception {
        Path home = ProjectHome.find();
        Path json = dir.resolve("bench.json");
        Path log = dir.resolve("bench.log");
        Process p = new ProcessBuilder(home.resolve("bin/pipeline").toString(), "bench", "--smoke", "--profile",
                "--data-dir", dir.resolve("run").toString(), "--out", json.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(25, TimeUnit.MINUTES);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(done, "bench did not finish:\n" + out);
        assertEquals(0, p.exitValue(), out);

        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonArray rows = root.getAsJsonArray("rows");
        List<String> seen = new ArrayList<>();
        for (JsonElement e : rows) {
            JsonObject r = e.getAsJsonObject();
            seen.add(r.get("stage").getAsString() + "|" + r.get("variant").getAsString());
            double value = r.get("value").getAsDouble();
            assertTrue(value > 0 && !Double.isInfinite(value), "row without a figure: " + r);
        }
        for (String expected : EXPECTED_ROWS) {
            assertTrue(seen.stream().anyMatch(s -> s.startsWith(expected.split("\\|")[0] + "|")
                    && s.contains(expected.split("\\|")[1])), "missing row " + expected + " in " + seen);
        }
        for (String component : List.of("simulate --rooms", "local[1]", "local[2]", "sink raw", "sink derived")) {
            JsonObject row = find(rows, component);
            assertTrue(row.get("cpu_s").getAsDouble() > 0, "no CPU figure for " + component);
            assertTrue(row.get("peak_mib").getAsDouble() > 0, "no memory figure for " + component);
        }
        for (String peer : List.of("Kafka Streams 3.9", "MongoDB Kafka sink connector")) {
            JsonObject row = find(rows, peer);
            for (String figure : List.of("first_output_s", "done_s", "steady_10_90_per_s", "cpu_s")) {
                assertTrue(row.has(figure) && row.get(figure).getAsDouble() > 0, "no " + figure + " for " + peer);
            }
        }
        assertEquals(0, find(rows, "Kafka Streams 3.9").get("mismatching_vs_job").getAsDouble(), "peer output differs");
        assertTrue(root.getAsJsonObject("machine").get("cores").getAsInt() > 0);
        // a profile's frame list may name JDK classes such as ExceptionStatisticsEvent: those lines are not errors
        assertFalse(out.lines().anyMatch(l -> l.contains("Exception") && !l.contains("top frames")), out);
        assertTrue(out.contains("end-to-end") && out.contains("figures written to"), out);

        // --profile: each stage's components and the stack's two servers, charged to named parts
        String profiles = Files.readString(dir.resolve("run/profiles/summary.txt"));
        for (String expected : List.of("== raw sink", "bench-sink-raw", "mongo server", "kafka broker",
                "== streaming job local[2]", "bench-stream-local2", "samples |")) {
            assertTrue(profiles.contains(expected), "profile summary lacks '" + expected + "':\n" + profiles);
        }
    }

    private static JsonObject find(JsonArray rows, String variantPart) {
        for (JsonElement e : rows) {
            if (e.getAsJsonObject().get("variant").getAsString().contains(variantPart)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no row for " + variantPart);
    }
}
