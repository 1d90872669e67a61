package io.sensorpipe.reliability.harness;

import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.common.process.ProjectHome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the project and this module's scratch space are. */
public final class Project {
    private Project() {
    }

    /** The checkout root ({@link ProjectHome}). */
    public static Path home() {
        return ProjectHome.find();
    }

    /**
     * Starts {@code bin/pipeline args...} (which execs the JVM, so the process is the component and a kill is a real
     * SIGKILL) with {@code env} added and without a nested build; output appended to {@code log}, which every restart
     * of the same component appends to, so a test can count log lines across restarts.
     */
    public static ChildProcess pipeline(String name, Path log, Map<String, String> env, List<String> args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("SENSORPIPE_SKIP_BUILD", "1");
        return ChildProcess.start(ChildProcess.Command.pipeline(home(), args).named(name).env(all), log);
    }

    /** A fresh scratch directory for one test class under reliability-tests/target/runs/. */
    public static Path scratch(String name) {
        Path dir = home().resolve("reliability-tests/target/runs").resolve(name + "-" + System.currentTimeMillis());
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }
}
