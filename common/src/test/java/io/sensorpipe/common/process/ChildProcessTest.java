package io.sensorpipe.common.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sensorpipe.common.config.ServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    @TempDir
    Path tmp;

    private static ChildProcess.Command sh(String script) {
        return ChildProcess.Command.of(List.of("bash", "-c", script)).named("child");
    }

    @Test
    void aShortCommandGivesItsExitCodeOutputAndStdinAndTheEnvironmentItWasGiven() {
        Map<String, String> env = new HashMap<>();
        env.put("GREETING", "hello");
        env.put("HOME", null);
        ChildProcess.Finished f = ChildProcess.run(sh("read -r line; echo \"$GREETING $line ${HOME:-no-home}\"; "
                + "echo oops >&2; exit 3").env(env).stdin("world\n"), Duration.ofSeconds(30));
        assertEquals(3, f.exitCode());
        assertEquals(List.of("hello world no-home", "oops"), f.lines());
    }

    @Test
    void aShortCommandThatOverrunsIsKilledAndNamed() {
        ServiceException e = assertThrows(ServiceException.class,
                () -> ChildProcess.run(sh("sleep 30"), Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith("child did not finish within 0 s"), e.getMessage());
    }

    @Test
    void theReadyHandshakeGivesTheAddressAndRunsAppendToOneLog() {
        Path log = tmp.resolve("logs/server.log");
        for (int run = 1; run <= 2; run++) {
            try (ChildProcess c = ChildProcess.start(sh("echo starting; echo '" + Ready.line("db", "127.0.0.1:" + run)
                    + "'; exec sleep 30").named("db").stdinPipe(), log)) {
                assertEquals("127.0.0.1:" + run, c.awaitReady("db", Duration.ofSeconds(30)));
            }
        }
        List<String> lines = new ChildProcessLog(log).lines();
        assertEquals(2, lines.stream().filter(l -> l.startsWith("=== start bash -c")).count(), lines.toString());
        assertEquals(2, lines.stream().filter(l -> l.equals("starting")).count(), lines.toString());
    }

    @Test
    void aServerThatDiesBeforeReadyIsNamedWithItsErrorLine() {
        ChildProcess c = ChildProcess.start(sh("echo 'error: --port: must be 1-65535'; exit 2").named("db"),
                tmp.resolve("db.log"));
        ServiceException e = assertThrows(ServiceException.class, () -> c.awaitReady("db", Duration.ofSeconds(30)));
        assertTrue(e.getMessage().startsWith("db exited with code 2 before it was ready: error: --port: must be 1-65535"),
                e.getMessage());
    }

    @Test
    void stopSendsSigtermAndKillsWhatTheChildStarted() throws Exception {
        Path pidFile = tmp.resolve("grandchild.pid");
        ChildProcess c = ChildProcess.start(sh("sleep 300 & echo $! > " + pidFile
                + "; trap 'echo got TERM; exit 143' TERM; echo up; while true; do sleep 0.1; done"),
                tmp.resolve("c.log"));
        assertTrue(c.awaitLogLine(Pattern.compile("^up$"), 0, Duration.ofSeconds(30)), c.logText());
        long grandchild = Long.parseLong(Files.readString(pidFile).trim());
        assertEquals(143, c.stop(Duration.ofSeconds(30)));
        assertTrue(c.logText().contains("got TERM"), c.logText());
        ProcessHandle.of(grandchild).ifPresent(h -> h.onExit().join());
        assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false), "grandchild stopped");
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGrace() {
        ChildProcess c = ChildProcess.start(sh("trap '' TERM; echo up; while true; do sleep 0.1; done"),
                tmp.resolve("c.log"));
        assertTrue(c.awaitLogLine(Pattern.compile("^up$"), 0, Duration.ofSeconds(30)));
        assertEquals(-1, c.stop(Duration.ofMillis(500)));
        assertFalse(c.isAlive());
    }

    @Test
    void awaitLogGivesTheFirstGroup() {
        try (ChildProcess c = ChildProcess.start(sh("echo 'bound to http://127.0.0.1:4041'; exec sleep 30"),
                tmp.resolve("ui.log"))) {
            assertEquals("http://127.0.0.1:4041", c.awaitLog(Pattern.compile("bound to (http://\\S+)"),
                    Duration.ofSeconds(30)));
        }
    }

    /** The log as a test reads it. */
    private record ChildProcessLog(Path file) {
        List<String> lines() {
            try {
                return Files.readAllLines(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
