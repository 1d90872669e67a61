package io.sensorpipe.sink;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.LateReading;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.Timestamps;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query pack {@code mongo-queries/*.js}, run by the real mongosh 1.x against data that the two sinks stored on the
 * embedded stack; each query's printed values are checked against values computed from the produced data.
 * All seven files run in one mongosh process (mongosh runs the files in order), to keep Node start-ups down.
 */
class MongoshQueriesIntegrationTest {
    private static final int ROOMS = 3;
    private static final int PER_ROOM = 100;
    private static final long STEP_MILLIS = 20_000;
    private static final String ROOM = "room-1";
    private static final List<String> FILES = List.of("counts.js", "latest-reading-per-room.js", "room-last-hour.js",
            "room-average-last-minutes.js", "rolling-average-series.js", "largest-change-last-minute.js",
            "dead-letters-by-reason.js", "late-readings-per-room.js");

    private static final Path QUERIES = Path.of("..", "mongo-queries").toAbsolutePath().normalize();

    @TempDir
    static Path dataDir;
    static EmbeddedStack stack;
    static long now;
    static List<Reading> readings;
    static List<DerivedRecord> derived;
    static Map<String, List<String>> sections;

    /**
     * Readings the job found too late (L = 300 s): two of room-0, one of room-2; and a conflicting duplicate of
     * room-2 (seq 100 again, another temperature).
     */
    private static final List<LateReading> LATE = List.of(
            late("room-0", 150, 301_000, 7, LateReading.TOO_LATE), late("room-0", 160, 420_500, 9, LateReading.TOO_LATE),
            late("room-2", 155, 360_000, 8, LateReading.TOO_LATE),
            late("room-2", 100, 12_000, 10, LateReading.CONFLICTING_DUPLICATE));

    private static LateReading late(String room, long seq, long lateMillis, long offset, String reason) {
        long maxTs = System.currentTimeMillis() / 60_000 * 60_000;
        return new LateReading(room, seq, maxTs - lateMillis, 19.5, maxTs, lateMillis, 300_000, reason,
                Names.TOPIC_READINGS, 1, offset);
    }

    @BeforeAll
    static void storeDataThroughTheSinksAndRunMongosh() throws Exception {
        stack = EmbeddedStack.start(StackConfig.builder().dataDir(dataDir).build());
        now = System.currentTimeMillis() / 60_000 * 60_000;
        readings = readings();
        derived = ReferenceAnalytics.compute(readings, Duration.ofSeconds(60), Duration.ofSeconds(300));
        try (TestKafka kafka = new TestKafka(stack.bootstrapServers())) {
            kafka.sendReadings(Names.TOPIC_READINGS, readings);
            kafka.sendNow(Names.TOPIC_READINGS, "room-0", "{\"v\":1,\"roomId\":\"room-0\"");
            for (DerivedRecord a : derived) {
                kafka.send(Names.TOPIC_ALPHA, a.roomId(), Codec.encode(a)).get();
            }
            kafka.sendNow(Names.TOPIC_ALPHA, "room-2", "{\"v\":2,\"roomId\":\"room-2\"}");
            store(kafka, SinkKind.RAW, readings.size() + 1);
            store(kafka, SinkKind.DERIVED, derived.size() + 1);
            for (LateReading l : LATE) {
                kafka.send(Names.TOPIC_LATE, l.roomId(), l.toJson()).get();
            }
            kafka.send(Names.TOPIC_LATE, LATE.get(0).roomId(), LATE.get(0).toJson()).get();   // a replay
            kafka.send(Names.TOPIC_LATE, LATE.get(3).roomId(), LATE.get(3).toJson()).get();   // a replay
            store(kafka, SinkKind.LATE, LATE.size() + 2);
        }
        sections = runMongosh();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Three rooms, seq 1..100 every 20 s, the last one exactly at {@code now}; distinct temperature patterns. */
    private static List<Reading> readings() {
        List<Reading> list = new ArrayList<>();
        for (int seq = 1; seq <= PER_ROOM; seq++) {
            for (int r = 0; r < ROOMS; r++) {
                double t = 20 + r + ((seq * (r + 3)) % 17) / 10.0;
                list.add(new Reading("room-" + r, seq, now - (PER_ROOM - seq) * STEP_MILLIS, t));
            }
        }
        return list;
    }

    private static void store(TestKafka kafka, SinkKind kind, long expected) throws Exception {
        Properties p = kafka.clientProperties();
        try (Sink sink = Sink.start(SinkConfig.of(kind, p, stack.mongoUri(), Names.DATABASE))) {
            TestKafka.awaitHandled(sink, expected, Duration.ofMinutes(3));
        }
    }

    private static Map<String, List<String>> runMongosh() throws IOException, InterruptedException {
        String text = mongosh(FILES, Map.of("NOW", Timestamps.iso(now), "ROOM", ROOM, "MINUTES", "5", "LIMIT", "5",
                "TOP", "2"));
        Files.writeString(dataDir.resolve("mongosh.out"), text);
        Map<String, List<String>> bySection = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                bySection.put(line, current);
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        assertEquals(FILES.size(), bySection.size(), "one section per query; output:\n" + text);
        return bySection;
    }

    /** Runs the given files of mongo-queries/ in one mongosh against the stack; returns what it printed. */
    private static String mongosh(List<String> files, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(System.getenv().getOrDefault("MONGOSH", "mongosh"),
                stack.mongoUri() + "/?serverSelectionTimeoutMS=120000", "--quiet"));
        files.forEach(f -> cmd.add(QUERIES.resolve(f).toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("mongosh 1.x is needed for this test: bin/pipeline test provides it "
                    + "(or set MONGOSH)", e);
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "mongosh finished");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "mongosh exit code; output:\n" + text);
        return text;
    }

    /**
     * Every find / aggregate / count of the pack, as explain-plans.js records it, filters on the first field of an
     * index that mongo-init defines for that collection, or sorts on a prefix of one (either direction): on real
     * MongoDB none scans the whole collection. (mongo-java-server has no planner: PLAN=0, shapes only; with a real
     * MongoDB, {@code mongosh "$MONGODB_URI" --quiet mongo-queries/explain-plans.js} prints the winning plans.)
     */
    @Test
    void everyQueryFiltersOrSortsOnAPrefixOfAnIndexThatMongoInitDefines() throws Exception {
        Map<String, List<List<Map.Entry<String, Integer>>>> indexes = new LinkedHashMap<>();
        Document schema = Document.parse(Files.readString(QUERIES.resolveSibling("mongo-init/sensors.schema.json")));
        for (Document coll : schema.getList("collections", Document.class)) {
            List<List<Map.Entry<String, Integer>>> keys = new ArrayList<>();
            for (Document index : coll.getList("indexes", Document.class)) {
                Document key = index.get("key", Document.class);
                keys.add(key.keySet().stream().map(k -> Map.entry(k, key.getInteger(k))).toList());
            }
            indexes.put(coll.getString("name"), keys);
        }
        String text = mongosh(List.of("explain-plans.js"), Map.of("PLAN", "0", "NOW", Timestamps.iso(now)));
        List<Document> queries = text.lines().filter(l -> l.startsWith("{")).map(Document::parse).toList();
        Set<String> filesWithQueries = new TreeSet<>();
        for (Document q : queries) {
            filesWithQueries.add(q.getString("file"));
            List<String> filter = q.getList("filter", String.class);
            List<Map.Entry<String, Integer>> sort = q.getList("sort", List.class).stream()
                    .map(e -> Map.entry((String) e.get(0), ((Number) e.get(1)).intValue())).toList();
            List<List<Map.Entry<String, Integer>>> defined = indexes.getOrDefault(q.getString("collection"), List.of());
            boolean served = defined.stream().anyMatch(index -> filter.contains(index.get(0).getKey())
                    || (!sort.isEmpty() && isPrefix(sort, index)));
            assertTrue(served, q.getString("file") + ": " + q.getString("op") + " on " + q.getString("collection")
                    + " filters on " + filter + " and sorts on " + sort + ", which no index of mongo-init serves: "
                    + defined);
        }
        // every file sends at least one query, except counts.js (metadata counts: estimatedDocumentCount)
        Set<String> expected = new TreeSet<>(FILES);
        expected.remove("counts.js");
        assertEquals(expected, filesWithQueries, "files whose queries were recorded; output:\n" + text);
    }

    /** The sort is a prefix of the index, in the index's direction or all reversed. */
    private static boolean isPrefix(List<Map.Entry<String, Integer>> sort, List<Map.Entry<String, Integer>> index) {
        if (sort.size() > index.size()) {
            return false;
        }
        boolean same = true;
        boolean reversed = true;
        for (int i = 0; i < sort.size(); i++) {
            if (!sort.get(i).getKey().equals(index.get(i).getKey())) {
                return false;
            }
            same &= sort.get(i).getValue().equals(index.get(i).getValue());
            reversed &= sort.get(i).getValue() == -index.get(i).getValue();
        }
        return same || reversed;
    }

    private static List<String> section(String startsWith) {
        return sections.entrySet().stream().filter(e -> e.getKey().startsWith("== " + startsWith))
                .findFirst().orElseThrow(() -> new AssertionError("no section " + startsWith + " in " + sections.keySet()))
                .getValue();
    }

    private static List<Reading> room(String roomId) {
        return readings.stream().filter(r -> r.roomId().equals(roomId)).collect(Collectors.toList());
    }

    private static double field(String line, String name) {
        for (String part : line.split("\t")) {
            if (part.startsWith(name + "=")) {
                return Double.parseDouble(part.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in '" + line + "'");
    }

    @Test
    void countsMatchWhatTheSinksStored() {
        assertEquals(List.of("readings\t" + readings.size(), "room_analytics\t" + derived.size(), "dead_letters\t2",
                "late_readings\t" + LATE.size(), "room_hourly\t0"), section("counts"));
    }

    @Test
    void latestReadingPerRoomIsEachRoomsLastSeq() {
        List<String> lines = section("latest reading per room");
        assertEquals(ROOMS, lines.size());
        for (int r = 0; r < ROOMS; r++) {
            Reading last = room("room-" + r).get(PER_ROOM - 1);
            String[] cols = lines.get(r).split("\t");
            assertEquals("room-" + r, cols[0]);
            assertEquals(Timestamps.iso(now), cols[1]);
            assertEquals("seq=" + PER_ROOM, cols[2]);
            assertEquals(last.temperature(), Double.parseDouble(cols[3]), 1e-9);
        }
    }

    @Test
    void roomLastHourListsEveryReadingOfTheRoomWithItsSummary() {
        List<String> lines = section(ROOM + ": readings in");
        List<Reading> expected = room(ROOM);   // 100 readings spanning 33 minutes: all inside the hour
        assertEquals(expected.size() + 1, lines.size());
        assertTrue(lines.get(0).startsWith(Timestamps.iso(expected.get(0).tsMillis()) + "\tseq=1\t"), lines.get(0));
        double avg = expected.stream().mapToDouble(Reading::temperature).average().orElseThrow();
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.startsWith(expected.size() + " readings for " + ROOM + ", avg "), summary);
        assertEquals(avg, Double.parseDouble(summary.split("avg ")[1].split(",")[0]), 0.0006);
    }

    @Test
    void averageOverLastFiveMinutesUsesOnlyReadingsInsideTheWindow() {
        List<String> lines = section("average per room over the last 5 minutes");
        assertEquals(ROOMS, lines.size());
        for (int r = 0; r < ROOMS; r++) {
            List<Reading> inside = room("room-" + r).stream().filter(x -> x.tsMillis() > now - 300_000).toList();
            assertEquals(15, inside.size());
            String line = lines.get(r);
            assertTrue(line.startsWith("room-" + r + "\t"), line);
            assertEquals(inside.stream().mapToDouble(Reading::temperature).average().orElseThrow(), field(line, "avg"), 0.0006);
            assertEquals(inside.stream().mapToDouble(Reading::temperature).min().orElseThrow(), field(line, "min"), 1e-9);
            assertEquals(inside.stream().mapToDouble(Reading::temperature).max().orElseThrow(), field(line, "max"), 1e-9);
            assertEquals(15, field(line, "count"));
        }
    }

    @Test
    void rollingAverageSeriesShowsTheRoomsLastRecordsOldestFirst() {
        List<String> lines = section(ROOM + ": rolling average");
        List<DerivedRecord> expected = derived.stream().filter(a -> a.roomId().equals(ROOM)).toList();
        expected = expected.subList(expected.size() - 5, expected.size());
        assertEquals(5, lines.size());
        for (int i = 0; i < 5; i++) {
            DerivedRecord a = expected.get(i);
            String line = lines.get(i);
            assertTrue(line.startsWith(Timestamps.iso(a.tsMillis()) + "\tseq=" + a.seq() + "\t"), line);
            assertEquals(a.rollingAvg(), field(line, "rollingAvg"), 0.0006);
            assertEquals(a.rollingMin(), field(line, "min"), 1e-9);
            assertEquals(a.rollingMax(), field(line, "max"), 1e-9);
            assertEquals(a.rollingCount(), field(line, "count"));
        }
    }

    @Test
    void largestChangeInTheLastMinuteRanksRoomsByTheirBiggestStep() {
        Map<String, Double> biggest = new LinkedHashMap<>();
        for (DerivedRecord a : derived) {
            if (a.tsMillis() > now - 60_000 && a.change() != null) {
                biggest.merge(a.roomId(), a.change(), (x, y) -> Math.abs(y) > Math.abs(x) ? y : x);
            }
        }
        List<Map.Entry<String, Double>> ranked = biggest.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Double>>comparingDouble(e -> -Math.abs(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(2).toList();
        List<String> lines = section("top 2 rooms by largest change");
        assertEquals(2, lines.size());
        for (int i = 0; i < 2; i++) {
            assertTrue(lines.get(i).startsWith(ranked.get(i).getKey() + "\t"), lines.get(i));
            assertEquals(ranked.get(i).getValue(), field(lines.get(i), "change"), 0.0006);
        }
    }

    @Test
    void deadLettersAreGroupedByStageAndReason() {
        List<String> lines = section("dead letters by reason");
        assertEquals(2, lines.size());
        String all = String.join("\n", lines);
        assertTrue(all.contains("1\tsink-raw\t"), all);
        assertTrue(all.contains("not JSON: truncated"), all);
        assertTrue(all.contains("1\tsink-derived\t"), all);
        assertTrue(all.contains("unknown schema version 2"), all);
    }

    @Test
    void lateReadingsAndConflictingDuplicatesAreListedPerRoomEachOnceWithHowLateAndWhereFrom() {
        // newest event time first: seq 150 (301 s behind) is newer than seq 160 (420.5 s behind)
        List<String> lines = section("late readings per room");
        assertEquals(List.of("room-0\tcount=2\tmaxLate=420.5 s",
                "\t150\t" + Timestamps.iso(LATE.get(0).tsMillis()) + "\tlate=301.0 s\ttoo late\treadings:1:7",
                "\t160\t" + Timestamps.iso(LATE.get(1).tsMillis()) + "\tlate=420.5 s\ttoo late\treadings:1:9",
                "room-2\tcount=2\tmaxLate=360.0 s",
                "\t100\t" + Timestamps.iso(LATE.get(3).tsMillis()) + "\tlate=12.0 s\tconflicting duplicate\treadings:1:10",
                "\t155\t" + Timestamps.iso(LATE.get(2).tsMillis()) + "\tlate=360.0 s\ttoo late\treadings:1:8"),
                lines);
    }
}
