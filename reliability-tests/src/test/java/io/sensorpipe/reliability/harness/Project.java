package io.sensorpipe.reliability.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project and this module's scratch space are. */
public final class Project {
    private Project() {
    }

    /**
     * The checkout root: from system property sensorpipe.home (set by the build; with {@code mvn -f module/pom.xml} it
     * is the module) or else the working directory, walking up to the directory holding bin/pipeline.
     */
    public static Path home() {
        String configured = System.getProperty("sensorpipe.home");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("");
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/pipeline"))) {
                return p;
            }
        }
        throw new IllegalStateException("no bin/pipeline above " + start.toAbsolutePath());
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
