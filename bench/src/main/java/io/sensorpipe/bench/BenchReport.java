package io.sensorpipe.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects benchmark rows and prints them as one table and as JSON. */
public final class BenchReport {
    private final List<BenchRow> rows = new ArrayList<>();

    /** Adds a row. */
    public synchronized BenchRow add(BenchRow row) {
        rows.add(row);
        return row;
    }

    /** The rows so far. */
    public synchronized List<BenchRow> rows() {
        return List.copyOf(rows);
    }

    /** The headline figure of the first row of a stage whose variant contains {@code variantPart}, or NaN. */
    public synchronized double value(String stage, String variantPart) {
        return rows.stream().filter(r -> r.stage().equals(stage) && r.variant().contains(variantPart))
                .mapToDouble(BenchRow::value).findFirst().orElse(Double.NaN);
    }

    /** Prints the table. */
    public synchronized void print(PrintStream out) {
        out.printf("%-14s %-58s %14s  %-12s %s%n", "stage", "what ran", "figure", "unit", "details");
        out.println("-".repeat(130));
        for (BenchRow r : rows) {
            StringBuilder details = new StringBuilder();
            for (Map.Entry<String, Double> e : r.extra().entrySet()) {
                details.append(e.getKey()).append('=').append(format(e.getValue())).append("  ");
            }
            out.printf(Locale.ROOT, "%-14s %-58s %14s  %-12s %s%n", r.stage(), r.variant(), format(r.value()), r.unit(),
                    details.toString().trim());
        }
    }

    /** Writes the same figures as JSON. */
    public synchronized void writeJson(Path file, Map<String, String> machine) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("time", Instant.now().toString());
        JsonObject m = new JsonObject();
        machine.forEach(m::addProperty);
        root.add("machine", m);
        JsonArray array = new JsonArray();
        for (BenchRow r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("stage", r.stage());
            o.addProperty("variant", r.variant());
            o.addProperty("value", r.value());
            o.addProperty("unit", r.unit());
            r.extra().forEach(o::addProperty);
            array.add(o);
        }
        root.add("rows", array);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(root));
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
