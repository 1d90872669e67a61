package io.sensorpipe.common.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code stack.env} file in which a running embedded stack publishes its addresses for the other commands:
 * {@code KEY=VALUE} lines. It is data, never a script: only the known keys are read, each value as a literal string
 * (the same rule {@code bin/pipeline} applies when it reads the file).
 */
public final class StackEnv {
    /** The file's name in a data directory. */
    public static final String FILE_NAME = "stack.env";
    /** Kafka bootstrap servers. */
    public static final String KAFKA = "KAFKA_BOOTSTRAP_SERVERS";
    /** MongoDB connection string. */
    public static final String MONGO = "MONGODB_URI";
    /** Prefix of the keys naming a principal's client configuration file (secure stack), e.g. ..._SINK_RAW. */
    public static final String CLIENT_CONFIG_PREFIX = "KAFKA_CLIENT_CONFIG_";
    private static final Pattern CLIENT_CONFIG_KEY = Pattern.compile(CLIENT_CONFIG_PREFIX + "[A-Z0-9_]+");

    private StackEnv() {
    }

    /** The file in a data directory. */
    public static Path in(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** True for the keys the file may carry. */
    public static boolean isKnownKey(String key) {
        return KAFKA.equals(key) || MONGO.equals(key) || CLIENT_CONFIG_KEY.matcher(key).matches();
    }

    /** The known settings in the file, in file order; empty when it does not exist or cannot be read. */
    public static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && isKnownKey(line.substring(0, eq))) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return values;
        }
        return values;
    }

    /**
     * Writes the file atomically (a reader sees the old file or the whole new one), after a comment line.
     *
     * @throws IllegalArgumentException for an unknown key, or a value with a line break
     */
    public static void write(Path file, String comment, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        values.forEach((k, v) -> {
            if (!isKnownKey(k) || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("not a stack.env entry: " + k);
            }
            text.append(k).append('=').append(v).append('\n');
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
