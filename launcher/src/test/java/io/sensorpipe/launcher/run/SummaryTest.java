package io.sensorpipe.launcher.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {
    @Test
    void countLinesAreLabelledSoTheyCanBeReadBack() {
        Status s = new Status(12_000, 11_990, 0, 12_000, 11_990, 1, 0, 0, 0, 40);
        List<String> lines = Summary.counts(s, Duration.ofSeconds(61));
        assertEquals("summary after 61 s:", lines.get(0));
        assertEquals("  readings produced:       12,000   (records on topic readings)", lines.get(1));
        assertEquals("  stored derived:          11,990   (documents in sensors.room_analytics)", lines.get(4));
        assertEquals("  dead letters:                 1   (documents in sensors.dead_letters)", lines.get(5));
    }

    @Test
    void roomTableShowsLastTemperatureAndRollingAverage() {
        List<String> lines = Summary.roomTable(List.of(new RoomRow("room-007", 1_234, 1_230, 21.374, 21.18)));
        assertEquals(2, lines.size());
        assertEquals("  room-007              1,234      21.37        21.18", lines.get(1));
    }

    @Test
    void roomWithoutDerivedRecordsShowsDashes() {
        List<String> lines = Summary.roomTable(List.of(new RoomRow("room-001", 5, 0, Double.NaN, Double.NaN)));
        assertTrue(lines.get(1).endsWith("-            -"), lines.get(1));
    }

    @Test
    void roomTableStopsAtFiftyRoomsAndCountsTheRest() {
        List<RoomRow> rows = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            rows.add(new RoomRow("room-" + i, 1, 1, 20, 20));
        }
        List<String> lines = Summary.roomTable(rows);
        assertEquals(1 + Summary.MAX_ROOM_ROWS + 1, lines.size());
        assertEquals("  ... and 20 more rooms (bin/pipeline report shows them all)", lines.get(lines.size() - 1));
    }

    @Test
    void mongoshCommandNamesTheDatabaseAndHidesThePassword() {
        assertEquals("mongosh \"mongodb://writer:<password>@db:27017/sensors?authSource=admin\""
                        + " --eval 'db.room_analytics.find().sort({ts: -1}).limit(5)'",
                Summary.mongoshCommand("mongodb://writer:s3cret@db:27017/?authSource=admin", "sensors"));
        assertEquals("mongosh \"mongodb://127.0.0.1:4242/sensors\" --eval 'db.room_analytics.find().sort({ts: -1}).limit(5)'",
                Summary.mongoshCommand("mongodb://127.0.0.1:4242", "sensors"));
    }
}
