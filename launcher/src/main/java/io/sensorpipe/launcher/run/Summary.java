package io.sensorpipe.launcher.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats the summary printed when a run ends: the counts, a per-room table and where to look next. */
public final class Summary {
    /** Rooms listed in the table; the rest are counted in one line (the report shows them all). */
    public static final int MAX_ROOM_ROWS = 50;

    private Summary() {
    }

    /** The count lines; each is {@code label: value} so people and tests can read them. */
    public static List<String> counts(Status s, Duration ran) {
        List<String> lines = new ArrayList<>();
        lines.add("summary after " + ran.toSeconds() + " s:");
        lines.add(countLine("readings produced", s.produced(), "records on topic readings"));
        lines.add(countLine("processed", s.processed(), "derived records on topic alpha"));
        lines.add(countLine("stored raw", s.storedRaw(), "documents in sensors.readings"));
        lines.add(countLine("stored derived", s.storedDerived(), "documents in sensors.room_analytics"));
        lines.add(countLine("dead letters", s.deadLetters(), "documents in sensors.dead_letters"));
        return lines;
    }

    /** The per-room table: room, readings, last temperature, last rolling average. */
    public static List<String> roomTable(List<RoomRow> rooms) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-16s %10s %10s %12s", "room", "readings", "last °C", "rolling avg"));
        rooms.stream().limit(MAX_ROOM_ROWS).forEach(r -> lines.add(String.format(Locale.ROOT,
                "  %-16s %10s %10s %12s", r.roomId(), StatusLine.count(r.readings()),
                degrees(r.lastTemperature()), degrees(r.lastRollingAvg()))));
        if (rooms.size() > MAX_ROOM_ROWS) {
            lines.add("  ... and " + (rooms.size() - MAX_ROOM_ROWS) + " more rooms (bin/pipeline report shows them all)");
        }
        if (rooms.isEmpty()) {
            lines.add("  (no rooms stored)");
        }
        return lines;
    }

    /** The mongosh command that opens the database, with any password replaced by a placeholder. */
    public static String mongoshCommand(String uri, String database) {
        return "mongosh \"" + MongoUris.withDatabase(MongoUris.maskPassword(uri), database)
                + "\" --eval 'db.room_analytics.find().sort({ts: -1}).limit(5)'";
    }

    private static String countLine(String label, long value, String what) {
        return String.format(Locale.ROOT, "  %-18s %12s   (%s)", label + ":", StatusLine.count(value), what);
    }

    private static String degrees(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }
}
