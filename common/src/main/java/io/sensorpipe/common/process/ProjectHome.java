package io.sensorpipe.common.process;

import io.sensorpipe.common.config.SettingException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project root, the directory holding {@code mongo-init/} and {@code pom.xml}: walks up from system property
 * sensorpipe.home, else env SENSORPIPE_HOME, else the working directory (so a module directory works too).
 */
public final class ProjectHome {
    private ProjectHome() {
    }

    /** The project root (the directory holding {@code mongo-init/} and {@code pom.xml}). */
    public static Path find() {
        String configured = System.getProperty("sensorpipe.home", System.getenv("SENSORPIPE_HOME"));
        boolean given = configured != null && !configured.isBlank();
        Path start = Path.of(given ? configured : "").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (isHome(p)) {
                return p;
            }
        }
        throw new SettingException(given ? "sensorpipe.home (SENSORPIPE_HOME)" : "SENSORPIPE_HOME",
                "neither " + start + " nor a parent holds mongo-init/ and pom.xml");
    }

    private static boolean isHome(Path p) {
        return Files.isDirectory(p.resolve("mongo-init")) && Files.isRegularFile(p.resolve("pom.xml"));
    }
}
