package io.sensorpipe.stack;

import io.sensorpipe.common.config.SettingException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project root: system property sensorpipe.home, env SENSORPIPE_HOME, else walk up from the working dir. */
public final class ProjectHome {
    private ProjectHome() {
    }

    /** The project root (the directory holding {@code mongo-init/} and {@code pom.xml}). */
    public static Path find() {
        String configured = System.getProperty("sensorpipe.home", System.getenv("SENSORPIPE_HOME"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath();
            if (!isHome(p)) {
                throw new SettingException("sensorpipe.home (SENSORPIPE_HOME)", p + " holds no mongo-init/ and pom.xml");
            }
            return p;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (isHome(p)) {
                return p;
            }
        }
        throw new SettingException("SENSORPIPE_HOME",
                "not set, and no parent of " + Path.of("").toAbsolutePath() + " holds mongo-init/ and pom.xml");
    }

    private static boolean isHome(Path p) {
        return Files.isDirectory(p.resolve("mongo-init")) && Files.isRegularFile(p.resolve("pom.xml"));
    }
}
