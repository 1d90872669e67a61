package io.sensorpipe.bench;

import io.sensorpipe.common.process.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline component run through {@code bin/pipeline} as its own process, with its CPU time and peak memory
 * sampled from /proc while it runs (so the last figures are known after it ends).
 */
public final class Component implements AutoCloseable {
    private final ChildProcess child;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "proc-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile ProcStats last = new ProcStats(0, 0);

    private Component(ChildProcess child) {
        this.child = child;
        sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Starts {@code bin/pipeline <args>} with the stack's addresses in its environment. */
    public static Component start(String name, Path home, List<String> args, Map<String, String> env, Path logDir)
            throws IOException {
        return start(name, ChildProcess.Command.pipeline(home, args), env, logDir);
    }

    /** Starts any command (e.g. a bench main class in a JVM of its own) with the stack's addresses in its environment. */
    public static Component start(String name, ChildProcess.Command command, Map<String, String> env, Path logDir)
            throws IOException {
        Path log = logDir.resolve(name + ".log");
        Files.deleteIfExists(log);
        return new Component(ChildProcess.start(command.named(name).env(env).ownSession(), log));
    }

    private synchronized void sample() {
        last = last.max(ProcStats.of(child.pid()));
    }

    /** CPU seconds and peak memory as last seen. */
    public ProcStats stats() {
        sample();
        return last;
    }

    /** Its log file. */
    public Path log() {
        return child.log();
    }

    /** Its log so far. */
    public String logText() {
        return child.logText();
    }

    /** True while it runs. */
    public boolean isAlive() {
        return child.isAlive();
    }

    /** Waits for it to end by itself; returns its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!child.waitFor(Duration.ofSeconds(seconds))) {
            throw new IllegalStateException(child.name() + " did not finish within " + seconds + " s; see " + child.log());
        }
        return child.exitCode();
    }

    /** Fails with the log's place when it has died. */
    public void requireAlive() {
        if (!child.isAlive()) {
            throw new IllegalStateException(child.name() + " ended unexpectedly; see " + child.log());
        }
    }

    /** SIGKILL now, and waits until it is gone. */
    public void kill() throws InterruptedException {
        child.kill();
        sampler.shutdownNow();
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    @Override
    public void close() throws InterruptedException {
        sample();
        child.stop(Duration.ofSeconds(30));
        sampler.shutdownNow();
    }
}
