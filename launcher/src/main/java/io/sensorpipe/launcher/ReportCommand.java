package io.sensorpipe.launcher;

import io.sensorpipe.common.config.DurationConverter;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.sensorpipe.common.Timestamps;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.MongoOptions;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.config.SettingException;
import io.sensorpipe.launcher.report.AnalyticsReader;
import io.sensorpipe.launcher.report.ChartRenderer;
import io.sensorpipe.launcher.report.HtmlPage;
import io.sensorpipe.launcher.report.Point;
import io.sensorpipe.launcher.report.ReportModel;
import io.sensorpipe.launcher.run.MongoUris;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code bin/pipeline report}: a PNG chart and a self-contained HTML page of temperatures per room, from MongoDB. */
@Command(name = "pipeline report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads sensors.room_analytics and writes report.png (temperature and rolling average over",
            "time, one panel per room) and report.html (the chart plus a table of rooms)."})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    MongoOptions mongo;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "",
            description = "Output directory (default: data/report in the project, or $SENSORPIPE_DATA/report).")
    String out;

    @Option(names = "--rooms", paramLabel = "ID,...", split = ",", description = "Only these rooms (default: all).")
    List<String> rooms;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only records with event time from TIME on: ISO-8601 UTC (2026-11-21T15:00:00Z) or an age (10m, 2h).")
    String since;

    /** Entry point used by {@code bin/pipeline report}. */
    public static void main(String[] args) {
        Cli.main(new ReportCommand(), args);
    }

    @Override
    public Integer call() throws IOException {
        Path dir = outputDir();
        Long sinceMillis = sinceMillis(since, System.currentTimeMillis());
        Set<String> only = rooms == null ? Set.of() : new LinkedHashSet<>(rooms.stream().map(String::trim).toList());
        Map<String, List<Point>> byRoom = load(only, sinceMillis);
        ReportModel model = ReportModel.of(byRoom);
        byte[] png = ChartRenderer.png(model);
        String source = MongoUris.withDatabase(MongoUris.maskPassword(mongo.uri()), mongo.database()) + " room_analytics";
        Files.createDirectories(dir);
        Path pngFile = dir.resolve("report.png");
        Path htmlFile = dir.resolve("report.html");
        Files.write(pngFile, png);
        Files.writeString(htmlFile, HtmlPage.render(model, png, source), StandardCharsets.UTF_8);
        long records = byRoom.values().stream().mapToLong(List::size).sum();
        if (model.rooms().isEmpty()) {
            System.out.println("no derived records matched in " + source + "; wrote an empty report");
        }
        System.out.printf("report: %d rooms, %d records -> %s (%d KB), %s%n", model.rooms().size(), records, pngFile,
                png.length / 1024, htmlFile);
        return 0;
    }

    private Map<String, List<Point>> load(Set<String> only, Long sinceMillis) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.uri()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            return AnalyticsReader.read(client.getDatabase(mongo.database()), only, sinceMillis);
        } catch (MongoException e) {
            throw new ServiceException("cannot read " + mongo.database() + ".room_analytics at "
                    + MongoUris.maskPassword(mongo.uri()) + ": " + e.getMessage(), e);
        }
    }

    private Path outputDir() {
        if (out != null && !out.isBlank()) {
            return Path.of(out);
        }
        String data = System.getenv("SENSORPIPE_DATA");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "report");
        }
        return Path.of(System.getenv().getOrDefault("SENSORPIPE_HOME", "."), "data", "report");
    }

    /** The --since value in epoch millis: an ISO timestamp, or an age before {@code now}; null when not given. */
    static Long sinceMillis(String text, long now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.contains("T")) {
            try {
                return Timestamps.parseIso(text.trim());
            } catch (DateTimeParseException e) {
                throw new SettingException("--since", "'" + text + "' is not an ISO-8601 UTC time like 2026-11-21T15:00:00Z");
            }
        }
        try {
            return now - DurationConverter.parse(text).toMillis();
        } catch (RuntimeException e) {
            throw new SettingException("--since", "'" + text + "' is neither an ISO-8601 UTC time nor an age like 10m");
        }
    }
}
