package io.sensorpipe.launcher.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline component started as a child process through {@code bin/pipeline}, exactly as a user would start it,
 * in its own session (so a Ctrl-C in the terminal reaches only the launcher, which then stops children in order),
 * with its output in {@code <logs>/<name>.log}.
 */
public final class Child {
    private final String name;
    private final Path log;
    private final Process process;

    private Child(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code bin/pipeline <args>} with {@code env} added to this process's environment. */
    public static Child start(String name, Path pipeline, List<String> args, Map<String, String> env, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(pipeline.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return new Child(name, log, pb.start());
    }

    /** The component's name, e.g. {@code stream}. */
    public String name() {
        return name;
    }

    /** Where its output goes. */
    public Path log() {
        return log;
    }

    /** Its process id. */
    public long pid() {
        return process.pid();
    }

    /** True while it runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Its exit code (only once it has ended). */
    public int exitCode() {
        return process.exitValue();
    }

    /**
     * Sends SIGTERM and waits up to {@code graceSeconds} for a clean exit; then SIGKILL to it and anything it
     * started. Returns the exit code, or -1 if it had to be killed.
     */
    public int stop(long graceSeconds) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
        }
        if (process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            return process.exitValue();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    /** Waits for the child to end by itself; true if it did within the time. */
    public boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }
}
