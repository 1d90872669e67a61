package io.sensorpipe.common.process;

import io.sensorpipe.common.config.ServiceException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's one way to run another process: a pipeline command through {@code bin/pipeline}, a module's main
 * class in a JVM of its own, or any command. A long-running child ({@link #start}) writes its output to a log file
 * (appended, so the runs of one component read as one log), can be waited for by its READY line or by any log line,
 * and is stopped with SIGTERM, then SIGKILL to it and everything it started. A short command ({@link #run}) is run to
 * its end and its output returned.
 *
 * <p>Used by the launcher ({@code bin/pipeline run}), the embedded stack (its broker and database JVMs), the
 * benchmarks and every test module.
 */
public final class ChildProcess implements AutoCloseable {
    /** The line that opens each run's part of the log (never matched by a wait for a log line). */
    private static final String START_MARK = "=== start ";
    private final String name;
    private final Path log;
    private final Process process;
    /** Every descendant seen so far: a grandchild orphaned by a dead child is still stopped with it. */
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    private final Duration closeGrace;

    private ChildProcess(String name, Path log, Process process, Duration closeGrace) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.closeGrace = closeGrace;
    }

    /** What to run, how, and where its output goes. Start with {@link #pipeline}, {@link #module} or {@link #of}. */
    public static final class Command {
        private final List<String> argv;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String name;
        private Path directory;
        private boolean ownSession;
        private boolean stdinPipe;
        private String stdin;
        private Duration closeGrace;

        private Command(List<String> argv) {
            this.argv = new ArrayList<>(argv);
            this.name = Path.of(argv.get(0)).getFileName().toString();
        }

        /** Any command line. */
        public static Command of(List<String> argv) {
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("an empty command line");
            }
            return new Command(argv);
        }

        /** {@code bin/pipeline <args>} of the project at {@code home}, as a user runs it. */
        public static Command pipeline(Path home, List<String> args) {
            List<String> argv = new ArrayList<>();
            argv.add(home.resolve("bin/pipeline").toString());
            argv.addAll(args);
            return new Command(argv).named(args.isEmpty() ? "pipeline" : args.get(0));
        }

        /**
         * {@code mainClass} of the built module {@code module} in a JVM of its own (this JVM's {@code java}): the
         * module's classes and its runtime classpath ({@code target/runtime-classpath.txt}), and its provided
         * classpath too when {@code withProvided} (Spark, for a local run).
         */
        public static Command module(Path home, String module, boolean withProvided, String mainClass,
                                     List<String> jvmOptions, List<String> args) {
            return java(jvmOptions, moduleClasspath(home.resolve(module), withProvided), mainClass, args).named(module);
        }

        /** {@code java jvmOptions -cp classpath mainClass args} with this JVM's {@code java}. */
        public static Command java(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
            List<String> argv = new ArrayList<>();
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.addAll(jvmOptions);
            argv.add("-cp");
            argv.add(classpath);
            argv.add(mainClass);
            argv.addAll(args);
            return new Command(argv).named(mainClass.substring(mainClass.lastIndexOf('.') + 1));
        }

        /** The name in messages and the default log file name. */
        public Command named(String n) {
            this.name = n;
            return this;
        }

        /** Adds {@code extra} to the inherited environment; a null value removes the variable. */
        public Command env(Map<String, String> extra) {
            env.putAll(extra);
            return this;
        }

        /** The working directory (default: this process's). */
        public Command in(Path dir) {
            this.directory = dir;
            return this;
        }

        /**
         * Runs the child in a session of its own ({@code setsid}), so that a Ctrl-C in the terminal reaches only this
         * process, which then stops its children in order.
         */
        public Command ownSession() {
            this.ownSession = true;
            return this;
        }

        /** Gives a long-running child a pipe as stdin (closed by {@link #stop}, or by this JVM's death). */
        public Command stdinPipe() {
            this.stdinPipe = true;
            return this;
        }

        /** Makes {@link ChildProcess#close} the orderly {@link ChildProcess#stop} with this grace (default: a kill). */
        public Command stopOnClose(Duration grace) {
            this.closeGrace = grace;
            return this;
        }

        /** Text for a short command's stdin (default: none, stdin at EOF). */
        public Command stdin(String text) {
            this.stdin = text;
            return this;
        }

        private ProcessBuilder builder() {
            List<String> cmd = new ArrayList<>();
            if (ownSession) {
                cmd.add("setsid");
            }
            cmd.addAll(argv);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (directory != null) {
                pb.directory(directory.toFile());
            }
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            return pb;
        }

        @Override
        public String toString() {
            return String.join(" ", argv);
        }
    }

    /** A finished short command: its exit code and everything it printed (stdout and stderr together). */
    public record Finished(int exitCode, String output) {
        /** The output's lines. */
        public List<String> lines() {
            return output.lines().toList();
        }
    }

    /**
     * Starts a long-running child without waiting; its output is appended to {@code log} after a line
     * {@code === start <command>}.
     */
    public static ChildProcess start(Command command, Path log) {
        ProcessBuilder pb = command.builder().redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!command.stdinPipe) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, START_MARK + command + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ChildProcess(command.name, log, pb.start(), command.closeGrace);
        } catch (IOException e) {
            throw new ServiceException("cannot start " + command.name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short command to its end (at most {@code timeout}, then it is killed and this fails). */
    public static Finished run(Command command, Duration timeout) {
        try {
            Process p = command.builder().start();
            try (OutputStream in = p.getOutputStream()) {
                if (command.stdin != null) {
                    in.write(command.stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(p.getInputStream(), out), command.name + "-output");
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new ServiceException(command.name + " did not finish within " + timeout.toSeconds() + " s: "
                        + command);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            synchronized (out) {
                return new Finished(p.exitValue(), out.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new ServiceException("cannot run " + command.name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while " + command.name + " ran", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process is gone: what it wrote is kept
        }
    }

    /** A built module's classpath: its classes, its runtime classpath file and, if asked, its provided one. */
    public static String moduleClasspath(Path moduleDir, boolean withProvided) {
        Path classes = moduleDir.resolve("target/classes");
        Path runtime = moduleDir.resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(runtime)) {
            throw new ServiceException(moduleDir.getFileName() + " is not built (no " + classes + " or " + runtime
                    + "); run: bin/pipeline build");
        }
        try {
            String cp = classes + File.pathSeparator + Files.readString(runtime).trim();
            Path provided = moduleDir.resolve("target/provided-classpath.txt");
            if (withProvided && Files.isRegularFile(provided)) {
                cp += File.pathSeparator + Files.readString(provided).trim();
            }
            return cp;
        } catch (IOException e) {
            throw new ServiceException("cannot read the classpath of " + moduleDir + ": " + e.getMessage(), e);
        }
    }

    /** The name in messages, e.g. {@code stream}. */
    public String name() {
        return name;
    }

    /** The log file (all runs of this component). */
    public Path log() {
        return log;
    }

    /** The OS process id. */
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

    /** Waits up to {@code timeout} for it to end by itself; true if it did. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for it to end by itself and returns its exit code; fails when it still runs after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            throw new IllegalStateException(name + " still running after " + timeout.toSeconds() + " s; log " + log);
        }
        return process.exitValue();
    }

    /**
     * The orderly stop: closes its stdin, sends SIGTERM and waits up to {@code grace}; then SIGKILL to it and to
     * everything it started. Returns the exit code, or -1 when it had to be killed. Idempotent.
     */
    public int stop(Duration grace) {
        List<ProcessHandle> all = processes();
        List<ProcessHandle> descendants = all.subList(1, all.size());
        if (process.isAlive()) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // closed already: the child sees EOF either way
            }
            process.destroy();
        }
        boolean ended = waitFor(grace);
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (ended) {
            return process.exitValue();
        }
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        return -1;
    }

    /** SIGKILL to it and everything it started, then waits until it is gone. */
    public void kill() {
        processes().forEach(ProcessHandle::destroyForcibly);
        waitFor(Duration.ofSeconds(30));
    }

    /** The process and every descendant seen so far (alive or not). */
    public synchronized List<ProcessHandle> processes() {
        process.descendants().forEach(seen::add);
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        all.addAll(seen);
        return all;
    }

    /** Kills it if it still runs (or stops it in order, see {@link Command#stopOnClose}). */
    @Override
    public void close() {
        if (closeGrace != null) {
            stop(closeGrace);
        } else if (process.isAlive()) {
            kill();
        }
    }

    /** The log's lines so far (bytes that are not UTF-8 replaced); empty before the first line. */
    public List<String> logLines() {
        return new ArrayList<>(logText().lines().toList());
    }

    /** The log so far. */
    public String logText() {
        try {
            byte[] bytes = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /**
     * Waits until a log line after the first {@code fromLine} lines matches; false when the process ended first, or
     * the timeout passed, without one.
     */
    public boolean awaitLogLine(Pattern pattern, int fromLine, Duration timeout) {
        return findLogLine(pattern, fromLine, timeout).isPresent();
    }

    /**
     * Waits for the server's {@code READY <name> <address>} line written after this start ({@link Ready}) and returns
     * the address. When it ends first or the timeout passes, it is killed and a {@link ServiceException} says why,
     * with its last error line.
     */
    public String awaitReady(String server, Duration timeout) {
        int from = startLine();
        Optional<String> line = findLogLine(Pattern.compile("^READY " + Pattern.quote(server) + " "), from, timeout);
        if (line.isPresent()) {
            return Ready.address(server, line.get()).orElseThrow();
        }
        String why = isAlive() ? "did not report READY within " + timeout.toSeconds() + " s"
                : "exited with code " + exitCode() + " before it was ready";
        kill();
        throw new ServiceException(name + " " + why + ": " + lastErrorLine(from) + " (log: " + log + ")");
    }

    /**
     * Waits for a log line matching {@code pattern} and returns its first group (or the whole match); fails when the
     * process ends first or the timeout passes.
     */
    public String awaitLog(Pattern pattern, Duration timeout) {
        Optional<String> line = findLogLine(pattern, 0, timeout);
        if (line.isEmpty()) {
            throw new IllegalStateException(name + (isAlive() ? " did not log /" + pattern + "/ within "
                    + timeout.toSeconds() + " s" : " exited with " + exitCode() + " before logging /" + pattern + "/")
                    + "; see " + log);
        }
        Matcher m = pattern.matcher(line.get());
        m.find();
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    private Optional<String> findLogLine(Pattern pattern, int fromLine, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            processes();
            boolean alive = isAlive();
            Optional<String> hit = logLines().stream().skip(fromLine).filter(l -> !l.startsWith(START_MARK))
                    .filter(l -> pattern.matcher(l).find()).findFirst();
            if (hit.isPresent() || !alive || System.nanoTime() > deadline) {
                return hit;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The index of the line after this run's {@code === start} line. */
    private int startLine() {
        List<String> lines = logLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(START_MARK)) {
                return i + 1;
            }
        }
        return 0;
    }

    private String lastErrorLine(int fromLine) {
        List<String> lines = logLines().stream().skip(fromLine).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("error:")) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    /** Resident set size in kB (VmRSS of /proc/PID/status), or -1 once the process is gone. */
    public long residentKb() {
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

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + log + ")";
    }
}
