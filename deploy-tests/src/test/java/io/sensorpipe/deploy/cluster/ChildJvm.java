package io.sensorpipe.deploy.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Java process started from a classpath, its output in a log file, stopped with all its descendants. */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final List<ProcessHandle> seen = new ArrayList<>();

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java jvmOptions -cp classpath mainClass args}, output (stdout and stderr) to {@code log}. */
    public static ChildJvm start(String name, List<String> jvmOptions, String classpath, String mainClass,
                                 List<String> args, Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(env);
        return new ChildJvm(name, pb.start(), log);
    }

    /** Waits until a log line matches {@code regex} and returns its first group (or the whole match). */
    public String awaitLog(String regex, Duration timeout) throws IOException, InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> found = find(pattern);
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before logging /"
                        + regex + "/; see " + log);
            }
            remember();
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not log /" + regex + "/ within " + timeout + "; see " + log);
    }

    private Optional<String> find(Pattern pattern) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Optional.of(m.groupCount() > 0 ? m.group(1) : m.group());
            }
        }
        return Optional.empty();
    }

    /** Records the current descendants, so that an orphaned grandchild can be found and stopped later. */
    public void remember() {
        process.descendants().filter(h -> !seen.contains(h)).forEach(seen::add);
    }

    /** The process and every descendant seen so far. */
    public List<ProcessHandle> processes() {
        remember();
        List<ProcessHandle> all = new ArrayList<>(seen);
        all.add(0, process.toHandle());
        return all;
    }

    /** The JVM's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The log file. */
    public Path log() {
        return log;
    }

    /** Asks the JVM to stop (SIGTERM, so Spark's shutdown hooks run), then kills what is left. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = processes();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
                h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
            }
        }
    }
}
