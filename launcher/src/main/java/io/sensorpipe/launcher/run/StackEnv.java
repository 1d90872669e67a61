package io.sensorpipe.launcher.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code stack.env} file the embedded stack writes: {@code KEY=VALUE} lines with its addresses. */
public final class StackEnv {
    /** Kafka bootstrap servers key. */
    public static final String KAFKA = "KAFKA_BOOTSTRAP_SERVERS";
    /** MongoDB connection string key. */
    public static final String MONGO = "MONGODB_URI";

    private StackEnv() {
    }

    /** The file in a data directory. */
    public static Path in(Path dataDir) {
        return dataDir.resolve("stack.env");
    }

    /** The settings in the file; empty when it does not exist. */
    public static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            return values;
        }
        return values;
    }
}
