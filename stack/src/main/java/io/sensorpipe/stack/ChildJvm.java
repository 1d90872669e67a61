package io.sensorpipe.stack;

import io.sensorpipe.common.config.ServiceException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server running in its own JVM: started with a module's classes and runtime classpath, its output appended to a
 * log file, its stdin a pipe from us (closing it, or our death, makes it exit), ready once it prints {@code READY}.
 */
final class ChildJvm {
    private final String name;
    private final Process process;
    private final Path logFile;
    private final String address;

    private ChildJvm(String name, Process process, Path logFile, String address) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.address = address;
    }

    /** Starts {@code mainClass} of {@code module} without waiting; call {@link Pending#awaitReady} next. */
    static Pending launch(String name, Path home, String module, String mainClass, List<String> jvmOptions,
                          List<String> args, Path logFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath(home, module));
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new Pending(name, p, logFile, offset);
        } catch (IOException e) {
            throw new ServiceException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** A started child that has not yet said READY. */
    record Pending(String name, Process process, Path logFile, long logOffset) {
        /** Waits for the READY line; on failure the child is killed and a {@link ServiceException} says why. */
        ChildJvm awaitReady(Duration timeout) {
            try {
                String address = ChildJvm.awaitReady(name, process, logFile, logOffset, timeout);
                return new ChildJvm(name, process, logFile, address);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e instanceof ServiceException se ? se
                        : new ServiceException("cannot start " + name + ": " + e.getMessage(), e);
            }
        }

        /** Kills the child (start-up failed elsewhere). */
        void abort() {
            process.destroyForcibly();
        }
    }

    private static String classpath(Path home, String module) {
        Path classes = home.resolve(module).resolve("target/classes");
        Path cpFile = home.resolve(module).resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(cpFile)) {
            throw new ServiceException(module + " is not built (no " + classes + " or " + cpFile
                    + "); run: mvn -q -B install -pl common," + module + " -DskipTests");
        }
        try {
            return classes + java.io.File.pathSeparator + Files.readString(cpFile).trim();
        } catch (IOException e) {
            throw new ServiceException("cannot read " + cpFile + ": " + e.getMessage(), e);
        }
    }

    private static String awaitReady(String name, Process p, Path log, long offset, Duration timeout)
            throws IOException {
        String prefix = "READY " + name + " ";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : newLines(log, offset)) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
            if (!p.isAlive()) {
                throw new ServiceException(name + " exited with code " + p.exitValue() + " before it was ready: "
                        + lastLine(log, offset) + " (log: " + log + ")");
            }
            sleep(50);
        }
        throw new ServiceException(name + " did not report READY within " + timeout.toSeconds() + " s; last output: "
                + lastLine(log, offset) + " (log: " + log + ")");
    }

    private static List<String> newLines(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        if (all.length <= offset) {
            return List.of();
        }
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8).lines().toList();
    }

    private static String lastLine(Path log, long offset) throws IOException {
        List<String> lines = newLines(log, offset);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("error:")) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while starting", e);
        }
    }

    /** HOST:PORT from the READY line. */
    String address() {
        return address;
    }

    /** The port from the READY line. */
    int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** The OS process id. */
    long pid() {
        return process.pid();
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The log file the child writes to. */
    Path logFile() {
        return logFile;
    }

    /**
     * Stops the child in an orderly way: closes its stdin and sends SIGTERM; after {@code grace} it is killed.
     * Idempotent.
     */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException e) {
            // already closed: the child sees EOF either way
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + address + ")";
    }
}
