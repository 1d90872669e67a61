package io.sensorpipe.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report against the embedded MongoDB-wire server: derived records stored as the derived sink stores them. */
class ReportIntegrationTest {
    private static final int ROOMS = 7;
    private static final int READINGS_PER_ROOM = 300;
    private static final long T0 = 1_763_700_000_000L;
    private static final Pattern TABLE_ROOM = Pattern.compile("<tr><td>([^<]+)</td><td class=\"n\">(\\d+)</td>");

    @TempDir
    static Path dataDir;

    static EmbeddedStack stack;

    @BeforeAll
    static void storeDerivedRecords() {
        stack = EmbeddedStack.start(StackConfig.builder().dataDir(dataDir).partitions(1).build());
        List<Reading> readings = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < READINGS_PER_ROOM; i++) {
            for (int r = 1; r <= ROOMS; r++) {
                double t = 19 + r * 0.5 + Math.sin(i / 40.0) + random.nextGaussian() * 0.2;
                readings.add(new Reading(String.format("room-%03d", r), i, T0 + i * 1000L, Math.round(t * 100) / 100.0));
            }
        }
        List<Document> docs = ReferenceAnalytics.compute(readings, Duration.ofSeconds(60), Duration.ofSeconds(300))
                .stream().map(ReportIntegrationTest::document).toList();
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            client.getDatabase(Names.DATABASE).getCollection(Names.COLL_ANALYTICS).insertMany(docs);
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The layout of DESIGN.md "MongoDB layout": _id roomId:seq, ts a BSON date, change an explicit null first. */
    private static Document document(DerivedRecord a) {
        return new Document("_id", a.id()).append("roomId", a.roomId()).append("seq", a.seq())
                .append("ts", new Date(a.tsMillis())).append("temperature", a.temperature()).append("change", a.change())
                .append("gap", a.gap()).append("rollingAvg", a.rollingAvg()).append("rollingMin", a.rollingMin())
                .append("rollingMax", a.rollingMax()).append("rollingCount", a.rollingCount())
                .append("windowSeconds", a.windowSeconds());
    }

    @Test
    void reportDrawsANonEmptyChartWithOneSeriesPerRoomInTheDatabase(@TempDir Path out) throws IOException {
        assertEquals(0, Cli.execute(new ReportCommand(), "--mongodb-uri", stack.mongoUri(), "--out", out.toString()));

        BufferedImage png = ImageIO.read(out.resolve("report.png").toFile());
        assertNotNull(png, "report.png is a PNG");
        assertTrue(colouredPixels(png) > ROOMS * 200, "the series are drawn");
        assertEquals(roomsInDatabase(), tableRooms(out).keySet().stream().collect(TreeSet::new, Set::add, Set::addAll));
        assertTrue(tableRooms(out).values().stream().allMatch(n -> n == READINGS_PER_ROOM), tableRooms(out).toString());
    }

    @Test
    void roomsAndSinceNarrowTheReport(@TempDir Path out) throws IOException {
        String since = io.sensorpipe.common.Timestamps.iso(T0 + 200_000);
        assertEquals(0, Cli.execute(new ReportCommand(), "--mongodb-uri", stack.mongoUri(), "--out", out.toString(),
                "--rooms", "room-002,room-005", "--since", since));
        var rooms = tableRooms(out);
        assertEquals(Set.of("room-002", "room-005"), rooms.keySet());
        assertEquals(READINGS_PER_ROOM - 200, rooms.get("room-002"));
    }

    private static Set<String> roomsInDatabase() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoCollection<Document> coll = client.getDatabase(Names.DATABASE).getCollection(Names.COLL_ANALYTICS);
            return coll.distinct("roomId", String.class).into(new TreeSet<>());
        }
    }

    private static java.util.Map<String, Integer> tableRooms(Path out) throws IOException {
        Matcher m = TABLE_ROOM.matcher(Files.readString(out.resolve("report.html")));
        java.util.Map<String, Integer> rooms = new java.util.TreeMap<>();
        while (m.find()) {
            rooms.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return rooms;
    }

    private static int colouredPixels(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - b) > 60) {
                    n++;
                    seen.add(rgb);
                }
            }
        }
        return n;
    }
}
