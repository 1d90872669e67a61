package io.sensorpipe.stack;

import io.sensorpipe.common.config.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad flags and an occupied port end {@code bin/pipeline stack} with one clear line, no stack trace, no child. */
class StackCommandTest {
    @TempDir
    Path dataDir;

    /** Exit code and stderr of one run. */
    private record Outcome(int code, String err) {
    }

    private Outcome run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.execute(new StackCommand(new PrintStream(new ByteArrayOutputStream()),
                    new java.util.concurrent.CountDownLatch(0)), args);
            return new Outcome(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private void assertUsageError(String flag, String... args) {
        Outcome o = run(args);
        assertEquals(Cli.EXIT_USAGE, o.code(), o.err());
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: ") && first.contains(flag), o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), "stack trace: " + o.err());
    }

    @Test
    void kafkaPortAboveRangeIsAUsageError() {
        assertUsageError("--kafka-port", "--data-dir", dataDir.toString(), "--kafka-port", "70000");
    }

    @Test
    void nonNumericMongoPortIsAUsageError() {
        assertUsageError("--mongo-port", "--data-dir", dataDir.toString(), "--mongo-port", "abc");
    }

    @Test
    void zeroPartitionsIsAUsageError() {
        assertUsageError("--partitions", "--data-dir", dataDir.toString(), "--partitions", "0");
    }

    @Test
    void unknownMongoStoreIsAUsageError() {
        assertUsageError("--mongo-store", "--data-dir", dataDir.toString(), "--mongo-store", "tape");
    }

    @Test
    void metricsPortAboveRangeIsAUsageError() {
        assertUsageError("--metrics-port", "--metrics-port", "70000");
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertUsageError("--kafak-port", "--kafak-port", "1");
    }

    @Test
    void kafkaPortInUseFailsWithOneLineAndStartsNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Outcome o = run("--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(port), "--mongo-port", "0");
            assertEquals(Cli.EXIT_FAILURE, o.code(), o.err());
            assertEquals("error: Kafka port " + port + " is already in use", o.err().strip());
        }
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count());
        assertFalse(Files.exists(dataDir.resolve(StackCommand.ENV_FILE)));
    }
}
