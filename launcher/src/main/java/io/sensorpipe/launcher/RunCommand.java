package io.sensorpipe.launcher;

import io.sensorpipe.common.config.DurationConverter;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.launcher.run.PipelineRun;
import io.sensorpipe.launcher.run.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code bin/pipeline run}: the whole pipeline on one machine, with a status line and a summary at the end. */
@Command(name = "pipeline run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts the embedded Kafka and MongoDB (unless KAFKA_BOOTSTRAP_SERVERS / MONGODB_URI are set),",
            "the streaming job, both sinks and the simulator; prints a status line every few seconds; after",
            "--duration or Ctrl-C stops everything in order without losing acknowledged data and prints a summary."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--rooms", defaultValue = "20", description = "Simulated rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--rate", defaultValue = "200", description = "Readings per second, all rooms together (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long the simulator runs, e.g. 30s, 5m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--batch-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "The streaming job's batch interval, e.g. 500ms, 2s (default: ${DEFAULT-VALUE}).")
    Duration batchInterval;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SENSORPIPE_DATA:-}",
            description = "Data of the embedded stack and the logs (default: data/ in the project; env SENSORPIPE_DATA).")
    String dataDir;

    @Option(names = "--keep-stack", description = "Leave the embedded Kafka and database running after the run.")
    boolean keepStack;

    @Option(names = "--status-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print a status line (default: ${DEFAULT-VALUE}).")
    Duration statusEvery;

    @Option(names = "--drain-timeout", defaultValue = "120s", converter = DurationConverter.class,
            description = "Longest wait for the job and sinks to catch up after the simulator stops (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    /** Entry point used by {@code bin/pipeline run}. */
    public static void main(String[] args) {
        Cli.main(new RunCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("SENSORPIPE_HOME", ".")).toAbsolutePath().normalize();
        Path data = dataDir == null || dataDir.isBlank() ? home.resolve("data") : Path.of(dataDir).toAbsolutePath();
        RunSettings settings = new RunSettings(home, data, rooms, rate, duration, batchInterval, statusEvery,
                drainTimeout, keepStack);
        return new PipelineRun(settings, System.out).execute();
    }
}
