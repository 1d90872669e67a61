package io.sensorpipe.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline component run as its own OS process through {@code bin/pipeline} (which execs the JVM, so the
 * process is the component and {@link #kill()} is a real SIGKILL). Output goes to a log file that every restart of
 * the same component appends to, so a test can count log lines across restarts.
 */
public final class Component implements AutoCloseable {
    private final String name;
    private final Path log;
    private final Process process;

    private Component(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code bin/pipeline args...} with the given environment added; output appended to {@code log}. */
    public static Component start(String name, Path log, Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Project.home().resolve("bin/pipeline").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("SENSORPIPE_SKIP_BUILD", "1");
        pb.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== start " + String.join(" ", args) + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return new Component(name, log, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The component's name in messages. */
    public String name() {
        return name;
    }

    /** Its OS process id. */
    public long pid() {
        return process.pid();
    }

    /** True while the process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM (the orderly stop every component promises), then waits up to {@code timeout}; SIGKILL after that. */
    public int stop(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; returns its exit code, fails after the timeout. */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            throw new AssertionError(name + " still running after " + timeout.toSeconds() + " s; log " + log);
        }
        return process.exitValue();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until a log line written after {@code fromLine} matches; false when the process ended first (or the
     * timeout passed) without one.
     */
    public boolean awaitLogLine(java.util.regex.Pattern pattern, int fromLine, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean alive = isAlive();
            List<String> lines = logLines();
            if (lines.stream().skip(fromLine).anyMatch(l -> pattern.matcher(l).find())) {
                return true;
            }
            if (!alive) {
                return false;
            }
            Waits.sleep(200);
        }
        return false;
    }

    /** The log file (all runs of this component). */
    public Path log() {
        return log;
    }

    /** The log's lines so far (invalid bytes replaced). */
    public List<String> logLines() {
        return Logs.lines(log);
    }

    /** Resident set size in kB from /proc/PID/status (VmRSS), or -1 once the process is gone. */
    public long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + ", log " + log + "]";
    }
}
