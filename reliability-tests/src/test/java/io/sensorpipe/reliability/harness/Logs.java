package io.sensorpipe.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Reading and counting component log lines. */
public final class Logs {
    private Logs() {
    }

    /** The file's lines, invalid UTF-8 replaced; empty when the file does not exist yet. */
    public static List<String> lines(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many lines contain a match of the pattern. */
    public static long count(List<String> lines, Pattern pattern) {
        return lines.stream().filter(l -> pattern.matcher(l).find()).count();
    }

    /** True when the output holds a Java stack trace or an exception class name. */
    public static boolean hasStackTrace(String output) {
        return output.contains("\tat ") || output.contains("Exception");
    }
}
