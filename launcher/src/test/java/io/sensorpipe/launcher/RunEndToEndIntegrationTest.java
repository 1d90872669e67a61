package io.sensorpipe.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.process.StackEnv;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/pipeline run --rooms 20 --duration 30s --keep-stack} as a user runs it; then the printed summary is
 * compared with MongoDB, {@code bin/pipeline verify} must find 0 differences, and after the kept stack is stopped no
 * process of the run may be left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunEndToEndIntegrationTest {
    private static final int ROOMS = 20;
    private static final Pattern STARTED = Pattern.compile("^started (\\S+) \\(pid (\\d+)\\)");
    private static final Pattern STOP_STACK = Pattern.compile("stop it with: kill (\\d+)");
    private static final Pattern ROOM_ROW = Pattern.compile("^  (room-\\d+)\\s+([\\d,]+)\\s+(\\S+)\\s+(\\S+)$");

    @TempDir
    static Path dataDir;

    static Path home;
    static List<String> output;
    static int exitCode;
    static String mongoUri;

    @BeforeAll
    static void runThePipeline() throws Exception {
        home = Path.of(System.getProperty("sensorpipe.home", "..")).toAbsolutePath().normalize();
        while (!Files.isExecutable(home.resolve("bin/pipeline")) && home.getParent() != null) {
            home = home.getParent();   // built with -f launcher/pom.xml: the property names the module
        }
        Path log = dataDir.resolve("run-output.txt");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/pipeline").toString(), "run", "--rooms",
                String.valueOf(ROOMS), "--duration", "30s", "--data-dir", dataDir.toString(), "--keep-stack",
                "--drain-timeout", "300s")   // generous: the machine running the tests may be busy
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().remove("MONGODB_URI");
        pb.environment().put("SENSORPIPE_DATA", dataDir.toString());   // no data/stack.env of the project is used
        Process run = pb.start();
        boolean ended = run.waitFor(20, TimeUnit.MINUTES);
        output = Files.readAllLines(log);
        output.forEach(l -> System.out.println("run> " + l));
        assertTrue(ended, "bin/pipeline run ended");
        exitCode = run.exitValue();
        mongoUri = StackEnv.read(StackEnv.in(dataDir)).get(StackEnv.MONGO);
    }

    @AfterAll
    static void stopTheKeptStack() throws InterruptedException {
        for (String line : output == null ? List.<String>of() : output) {
            Matcher m = STOP_STACK.matcher(line);
            if (m.find()) {
                ProcessHandle.of(Long.parseLong(m.group(1))).ifPresent(ProcessHandle::destroy);
            }
        }
        awaitGone(stackPids(), 90);
    }

    @Test
    @Order(1)
    void runEndsCleanlyAndKeepsTheStackForInspection() {
        assertEquals(0, exitCode, "exit code of bin/pipeline run");
        assertTrue(mongoUri != null && mongoUri.startsWith("mongodb://"), "stack.env names the kept database");
        assertTrue(output.stream().anyMatch(l -> l.startsWith("look at the data: mongosh \"mongodb://")), "mongosh hint");
        assertTrue(output.stream().anyMatch(l -> l.startsWith("the Spark UI was at http://localhost:")), "Spark UI");
    }

    @Test
    @Order(1)
    void runSaysWhereEachComponentsMetricsAreEachOnItsOwnPort() {
        java.util.Map<String, String> ports = new java.util.TreeMap<>();
        Pattern metrics = Pattern.compile("^  (\\S+) +http://localhost:(\\d+)/metrics$");
        for (String line : output) {
            Matcher m = metrics.matcher(line);
            if (m.find()) {
                ports.put(m.group(1), m.group(2));
            }
        }
        assertEquals(java.util.Set.of("stream", "sink-raw", "sink-derived", "sink-late", "simulate"), ports.keySet(),
                "metrics lines: " + output);
        assertEquals(5, new java.util.HashSet<>(ports.values()).size(), "one port each: " + ports);
        for (java.util.Map.Entry<String, String> e : ports.entrySet()) {
            String child = String.join("\n", output.stream().filter(l -> l.startsWith("started " + e.getKey() + " ("))
                    .toList());
            assertTrue(child.endsWith("--metrics-port " + e.getValue()), e.getKey() + " started as: " + child);
        }
    }

    @Test
    @Order(2)
    void statusLinesReadTheComponentsOwnCountersAndNeverRunAhead() {
        Pattern status = Pattern.compile("^\\[ *\\d+s\\] produced ([\\d,]+) .*\\| job in ([\\d,]+) derived ([\\d,]+) .*"
                + "\\| stored raw ([\\d,]+) derived ([\\d,]+) late ");
        long last = -1;
        long produced = summaryCount("readings produced");
        for (String line : output) {
            Matcher m = status.matcher(line);
            if (m.find()) {
                long jobIn = Long.parseLong(m.group(2).replace(",", ""));
                long storedRaw = Long.parseLong(m.group(4).replace(",", ""));
                assertTrue(jobIn <= produced && storedRaw <= produced, line);
                last = Math.max(last, jobIn + storedRaw);
            }
        }
        assertTrue(last > 0, "a status line with the job's and the sinks' counters above 0: " + output);
    }

    @Test
    @Order(2)
    void printedSummaryAgreesWithMongoDb() {
        long produced = summaryCount("readings produced");
        assertTrue(produced > 0, "readings were produced");
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase db = client.getDatabase(Names.DATABASE);
            long raw = db.getCollection(Names.COLL_READINGS).countDocuments();
            long derived = db.getCollection(Names.COLL_ANALYTICS).countDocuments();
            assertEquals(summaryCount("stored raw"), raw);
            assertEquals(summaryCount("stored derived"), derived);
            assertEquals(summaryCount("dead letters"), db.getCollection(Names.COLL_DEAD_LETTERS).countDocuments());
            assertEquals(produced, raw, "every produced reading is stored once (no faults injected)");
            assertEquals(raw, derived, "one derived record per reading (no duplicates or late readings injected)");
            assertEquals(readingsPerRoom(db), roomTable());
        }
    }

    @Test
    @Order(3)
    void verifyFindsNoDifferences() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/pipeline").toString(), "verify").redirectErrorStream(true);
        pb.environment().put("MONGODB_URI", mongoUri);
        pb.environment().put("SENSORPIPE_DATA", dataDir.toString());
        Path log = dataDir.resolve("verify-output.txt");
        Process verify = pb.redirectOutput(log.toFile()).start();
        assertTrue(verify.waitFor(10, TimeUnit.MINUTES), "verify ended");
        List<String> lines = Files.readAllLines(log);
        lines.forEach(l -> System.out.println("verify> " + l));
        String last = lines.get(lines.size() - 1);
        assertEquals(0, verify.exitValue(), last);
        assertTrue(last.contains(ROOMS + " rooms, " + summaryCount("stored raw") + " readings"), last);
        assertTrue(last.contains("missing=0 extra=0 mismatching=0"), last);
    }

    @Test
    @Order(4)
    void noProcessOfTheRunIsLeftBehind() throws Exception {
        List<Long> children = new ArrayList<>();
        for (String line : output) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                children.add(Long.parseLong(m.group(2)));
            }
        }
        assertEquals(5, children.size(), "stream, three sinks and the simulator were started");
        children.forEach(pid -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "component pid " + pid + " still runs"));
        stopTheKeptStack();
        assertEquals(List.of(), stackPids(), "the stopped stack left processes behind");
    }

    /** Processes whose command line names this run's data directory (the stack and its Kafka and MongoDB JVMs). */
    private static List<Long> stackPids() {
        String dir = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private static void awaitGone(List<Long> pids, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && pids.stream().anyMatch(p -> ProcessHandle.of(p).isPresent())) {
            Thread.sleep(500);
        }
    }

    private static long summaryCount(String label) {
        String prefix = "  " + label + ":";
        return output.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Long.parseLong(l.substring(prefix.length()).trim().split("\\s+")[0].replace(",", "")))
                .orElseThrow(() -> new AssertionError("no '" + label + "' line in the summary"));
    }

    private static Map<String, Long> roomTable() {
        Map<String, Long> rooms = new TreeMap<>();
        for (String line : output) {
            Matcher m = ROOM_ROW.matcher(line);
            if (m.find()) {
                rooms.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
            }
        }
        assertEquals(ROOMS, rooms.size(), "one summary row per room");
        return rooms;
    }

    private static Map<String, Long> readingsPerRoom(MongoDatabase db) {
        Map<String, Long> rooms = new TreeMap<>();
        db.getCollection(Names.COLL_READINGS)
                .aggregate(List.of(Aggregates.group("$roomId", Accumulators.sum("n", 1))))
                .forEach((Document d) -> rooms.put(d.getString("_id"), ((Number) d.get("n")).longValue()));
        return rooms;
    }
}
