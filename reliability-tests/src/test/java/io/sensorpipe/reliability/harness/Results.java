package io.sensorpipe.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The figures a fault test saw, printed and appended to {@code reliability-tests/target/reliability-results.txt}. */
public final class Results {
    private Results() {
    }

    /** Records one line of figures for {@code test}. */
    public static void record(String test, String figures) {
        String line = Instant.now() + " [" + (Scale.full() ? "full" : "ci") + "] " + test + ": " + figures;
        System.out.println("RESULT " + line);
        Path file = Project.home().resolve("reliability-tests/target/reliability-results.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
