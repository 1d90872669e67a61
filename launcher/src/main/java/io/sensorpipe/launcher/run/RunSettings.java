package io.sensorpipe.launcher.run;

import io.sensorpipe.common.config.Settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated settings of one {@code bin/pipeline run}.
 *
 * @param home          the project directory holding {@code bin/pipeline}
 * @param dataDir       where the embedded stack keeps its data and the children write {@code logs/}
 * @param rooms         simulated rooms
 * @param rate          total readings per second of the simulator
 * @param duration      how long the simulator runs before the orderly stop
 * @param batchInterval the streaming job's batch interval
 * @param statusEvery   how often a status line is printed
 * @param drainTimeout  longest wait for the job and sinks to catch up after the simulator stopped
 * @param keepStack     leave the embedded Kafka and database running after the run
 */
public record RunSettings(Path home, Path dataDir, int rooms, int rate, Duration duration, Duration batchInterval,
                          Duration statusEvery, Duration drainTimeout, boolean keepStack) {

    /** Checks every setting and names the first bad one. */
    public RunSettings {
        Settings.positive(rooms, "--rooms");
        Settings.positive(rate, "--rate");
        Settings.positive(duration.toMillis(), "--duration");
        Settings.positive(batchInterval.toMillis(), "--batch-interval");
        Settings.positive(statusEvery.toMillis(), "--status-every");
        Settings.positive(drainTimeout.toMillis(), "--drain-timeout");
        Settings.require(home.resolve("bin/pipeline").toFile().canExecute(), "SENSORPIPE_HOME",
                home + "/bin/pipeline is not an executable file");
    }

    /** The launcher script the children are started with. */
    public Path pipeline() {
        return home.resolve("bin/pipeline");
    }

    /** Where each child's output goes. */
    public Path logDir() {
        return dataDir.resolve("logs");
    }
}
