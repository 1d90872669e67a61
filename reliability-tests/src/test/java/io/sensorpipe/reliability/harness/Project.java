package io.sensorpipe.reliability.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project and this module's scratch space are. */
public final class Project {
    private Project() {
    }

    /** The checkout root: system property sensorpipe.home (set by the build), else walk up to bin/pipeline. */
    public static Path home() {
        String configured = System.getProperty("sensorpipe.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/pipeline"))) {
                return p;
            }
        }
        throw new IllegalStateException("no bin/pipeline above " + Path.of("").toAbsolutePath());
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
