package io.sensorpipe.common.config;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Marks the class archive a run records as worth keeping. {@code bin/pipeline} starts a command's first run with
 * {@code -XX:ArchiveClassesAtExit} (Java's application class-data sharing: the classes a run loaded, parsed and
 * verified once, mapped by later runs) and names a mark file in {@code -Dsensorpipe.cds.mark}; the archive is used
 * for later runs only when the mark exists. The mark is written at JVM exit when the command really ran: it ended
 * with exit code 0 or was stopped by a signal, after at least {@value #MIN_SECONDS} s. So a bad flag, a service
 * that was away or {@code --help} never leaves a short archive that later runs would be stuck with.
 */
final class ClassArchiveMark {
    static final String PROPERTY = "sensorpipe.cds.mark";
    static final long MIN_SECONDS = 5;
    private static volatile Integer exitCode;

    private ClassArchiveMark() {
    }

    /** Writes the mark at JVM exit if the run qualifies; a no-op unless bin/pipeline asked for a mark. */
    static void armIfRequested() {
        String mark = System.getProperty(PROPERTY);
        if (mark == null || mark.isBlank()) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Integer code = exitCode;
            long ranSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
            if ((code == null || code == 0) && ranSeconds >= MIN_SECONDS) {
                try {
                    Files.writeString(Path.of(mark), "exit " + (code == null ? "by signal" : code) + " after "
                            + ranSeconds + " s\n");
                } catch (IOException | RuntimeException e) {
                    // no mark: the archive is not used, which costs only start-up time
                }
            }
        }, "class-archive-mark"));
    }

    /** Records the command's exit code before the JVM exits with it. */
    static void ended(int code) {
        exitCode = code;
    }
}
