package io.sensorpipe.producer;

import io.sensorpipe.common.config.Cli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {

    /** Runs the command with stderr captured; returns exit code and the error text. */
    private static Object[] run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.execute(new SimulateCommand(), args);
            return new Object[] {code, err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(saved);
        }
    }

    private static void assertUsageError(String flag, String... args) {
        Object[] r = run(args);
        String err = (String) r[1];
        assertEquals(Cli.EXIT_USAGE, r[0], err);
        String first = err.lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: ") && first.contains(flag), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "stack trace: " + err);
    }

    @Test
    void zeroRoomsIsAUsageError() {
        assertUsageError("--rooms", "--rooms", "0");
    }

    @Test
    void missingRoomsIsAUsageError() {
        assertUsageError("--rooms", "--count", "10");
    }

    @Test
    void negativeRateIsAUsageError() {
        assertUsageError("--rate", "--rooms", "3", "--rate", "-5");
    }

    @Test
    void malformedRateAboveOneIsAUsageError() {
        assertUsageError("--malformed-rate", "--rooms", "3", "--malformed-rate", "2");
    }

    @Test
    void badDurationIsAUsageError() {
        assertUsageError("--duration", "--rooms", "3", "--duration", "soon");
    }

    @Test
    void badBootstrapServersIsAUsageError() {
        assertUsageError("--bootstrap-servers", "--rooms", "3", "--bootstrap-servers", "nohostport");
    }

    @Test
    void unreachableBrokerFailsWithOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();   // free, then closed: nothing listens there
        }
        Object[] r = run("--rooms", "2", "--count", "10", "--bootstrap-servers", "localhost:" + port);
        String err = (String) r[1];
        assertEquals(Cli.EXIT_FAILURE, r[0], err);
        assertEquals("error: cannot reach Kafka at localhost:" + port + " within 10 s", err.strip());
    }

    @Test
    void flagsBecomeTheSimulatorConfig() {
        SimulateCommand c = new SimulateCommand();
        new picocli.CommandLine(c).parseArgs("--rooms", "4", "--rate", "max", "--duration", "5m", "--seed", "9",
                "--fast-clock", "--interval", "250ms", "--gap-rate", "0.1", "--start", "2026-11-21T15:00:00Z", "--topic", "t",
                "--producer-config", "linger.ms=50", "--bootstrap-servers", "h:1");
        SimulatorConfig cfg = c.config();
        assertEquals(4, cfg.rooms());
        assertTrue(Double.isInfinite(cfg.ratePerSecond()));
        assertEquals(Duration.ofMinutes(5), cfg.duration());
        assertEquals(250, cfg.intervalMillis());
        assertEquals(0.1, cfg.faults().gap());
        assertEquals(1_795_273_200_000L, cfg.startMillis());
        assertEquals("50", cfg.producerConfig().get("linger.ms"));
        assertEquals("h:1", cfg.client().getProperty("bootstrap.servers"));
    }
}
