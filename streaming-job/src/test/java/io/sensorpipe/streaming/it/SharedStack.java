package io.sensorpipe.streaming.it;

import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One embedded stack (real Kafka broker in its own JVM) for every integration test of the run. */
public final class SharedStack {
    private static EmbeddedStack stack;

    private SharedStack() {
    }

    /** The shared stack, started on first use; its own shutdown hook stops it at JVM exit. */
    public static synchronized EmbeddedStack get() {
        if (stack == null) {
            try {
                stack = EmbeddedStack.start(StackConfig.builder()
                        .dataDir(Files.createTempDirectory("streaming-job-it")).applyMongoInit(false).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }
}
