package io.sensorpipe.launcher.run;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.DurationConverter;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.process.ChildProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run of the whole pipeline: services up, components started as children, status while it runs, then the
 * orderly stop (simulator, drain, job and sinks, services) and the summary.
 */
public final class PipelineRun {
    private static final long CHILD_GRACE_SECONDS = 60;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final RunSettings settings;
    private final PrintStream out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<ChildProcess> children = new ArrayList<>();
    private Services services;
    private ChildProcess simulator;
    private MetricsPorts metrics;
    private boolean failed;

    /** A run with these settings, printing to {@code out}. */
    public PipelineRun(RunSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs to the end and returns the exit code (0 ok, 1 a component failed, 130 interrupted). */
    public int execute() throws Exception {
        Thread hook = new Thread(this::onCtrlC, "run-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runAndStop();
        } finally {
            stopEverything();
            finished.countDown();
            removeHook(hook);
        }
    }

    private int runAndStop() throws Exception {
        long started = System.nanoTime();
        services = ServiceStarter.start(settings, out);
        out.println(services.describe());
        int uiPort = freePort();
        SparkUi ui = new SparkUi("http://localhost:" + uiPort);
        try (StatusProbe probe = connect()) {
            if (stopRequested.getCount() == 0) {
                return 130;   // Ctrl-C while the services started: nothing ran yet
            }
            startComponents(uiPort);
            Optional<ChildProcess> dead = awaitConsumers(probe, ui);
            if (dead.isEmpty() && stopRequested.getCount() > 0) {
                startSimulator();
                dead = watch(probe, ui, System.nanoTime());
            }
            if (dead.isPresent()) {
                reportDeath(dead.get());
                failed = true;
                return 1;
            }
            boolean interrupted = stopRequested.getCount() == 0;
            stopSimulator();
            Status drained = new Drain(probe, settings, out, () -> deadChild().isPresent()).await();
            Optional<ChildProcess> diedWhileDraining = deadChild();
            if (diedWhileDraining.isPresent()) {
                reportDeath(diedWhileDraining.get());
                failed = true;
                return 1;
            }
            stopComponents();
            Status last = probe.snapshot();
            printSummary(last, Duration.ofNanos(System.nanoTime() - started), ui, probe);
            if (!last.sameCounts(drained)) {
                out.println("warning: counts changed after the drain; see the logs in " + settings.logDir());
            }
            return interrupted ? 130 : 0;
        }
    }

    private StatusProbe connect() {
        StatusProbe probe = new StatusProbe(ServiceStarter.kafkaProperties(services),
                services.mongoUri(), Names.DATABASE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                probe.snapshot();
                return probe;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    probe.close();
                    throw new ServiceException("cannot read the pipeline's state from Kafka at "
                            + services.bootstrapServers() + " and MongoDB: " + e.getMessage(), e);
                }
                out.println("waiting for Kafka and MongoDB to answer: " + e.getMessage());
            }
        }
    }

    private void startComponents(int uiPort) throws IOException {
        Map<String, String> env = childEnvironment();
        Map<String, String> jobEnv = new HashMap<>(env);
        String javaOpts = System.getenv().getOrDefault("JAVA_OPTS", "");
        // the job turns its UI off unless told otherwise; SparkConf reads spark.* system properties
        jobEnv.put("JAVA_OPTS", (javaOpts + " -Dspark.ui.enabled=true -Dspark.ui.port=" + uiPort).trim());
        metrics = MetricsPorts.allocate(List.of("stream", "sink-raw", "sink-derived", "sink-late", "simulate"));
        start("stream", metrics.args("stream", List.of("stream", "--batch-interval",
                DurationConverter.format(settings.batchInterval()))), jobEnv);
        start("sink-raw", metrics.args("sink-raw", List.of("sink", "raw")), env);
        start("sink-derived", metrics.args("sink-derived", List.of("sink", "derived")), env);
        start("sink-late", metrics.args("sink-late", List.of("sink", "late")), env);
        out.println("logs of the components are in " + settings.logDir());
        metrics.print(out);
    }

    /**
     * Waits until the job runs batches (its Spark UI lists a completed one) and both sinks have joined their
     * consumer groups, so that the simulator's --duration is time the whole pipeline runs. Returns a child that died.
     */
    private Optional<ChildProcess> awaitConsumers(StatusProbe probe, SparkUi ui) throws InterruptedException {
        out.println("waiting for the streaming job and the sinks to be ready ...");
        long t0 = System.nanoTime();
        long deadline = t0 + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && stopRequested.getCount() > 0) {
            Optional<ChildProcess> dead = deadChild();
            if (dead.isPresent()) {
                return dead;
            }
            if (ui.lastBatchMillis() >= 0
                    && probe.groupsHaveMembers(List.of(Names.GROUP_RAW_SINK, Names.GROUP_DERIVED_SINK))) {
                out.println("ready in " + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s");
                return Optional.empty();
            }
            stopRequested.await(1, TimeUnit.SECONDS);
        }
        if (stopRequested.getCount() > 0) {
            out.println("warning: job and sinks not confirmed ready after " + READY_TIMEOUT.toSeconds()
                    + " s; starting the simulator anyway");
        }
        return Optional.empty();
    }

    private void startSimulator() throws IOException {
        simulator = start("simulate", metrics.args("simulate", List.of("simulate", "--rooms",
                String.valueOf(settings.rooms()), "--rate", String.valueOf(settings.rate()))), childEnvironment());
    }

    private ChildProcess start(String name, List<String> args, Map<String, String> env) throws IOException {
        ChildProcess c = Children.start(settings, name, args, env);
        children.add(c);
        out.println("started " + name + " (pid " + c.pid() + "): bin/pipeline " + String.join(" ", args));
        return c;
    }

    private Map<String, String> childEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", services.bootstrapServers());
        env.put("MONGODB_URI", services.mongoUri());
        env.put("SENSORPIPE_DATA", settings.dataDir().toString());
        env.put("SENSORPIPE_SKIP_BUILD", "1");   // this run built everything already: no nested builds
        if (services.kafkaEmbedded()) {
            env.put("KAFKA_CLIENT_CONFIG", "");   // security settings are for a given cluster, not the embedded broker
        }
        return env;
    }

    /** Prints status lines until the duration is over, Ctrl-C, or a child dies (returned). */
    private int partitions;

    private Optional<ChildProcess> watch(StatusProbe probe, SparkUi ui, long startedNanos) throws InterruptedException {
        long deadline = System.nanoTime() + settings.duration().toNanos();
        RunCounters previous = null;
        while (System.nanoTime() < deadline) {
            long wait = Math.min(settings.statusEvery().toNanos(), deadline - System.nanoTime());
            if (stopRequested.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                out.println("stop requested: stopping in order");
                return Optional.empty();
            }
            Optional<ChildProcess> dead = deadChild();
            if (dead.isPresent()) {
                return dead;
            }
            try {
                if (partitions == 0) {
                    partitions = probe.readingsPartitions();
                }
                // the components' own counters: what Prometheus scrapes and the dashboard shows
                RunCounters now = RunCounters.of(metrics.scrapeAll());
                out.println(StatusLine.format(Duration.ofNanos(System.nanoTime() - startedNanos), now, previous,
                        settings.statusEvery(), ui.lastBatchMillis(), partitions));
                previous = now;
            } catch (RuntimeException e) {
                out.println("status unavailable: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private Optional<ChildProcess> deadChild() {
        return children.stream().filter(c -> !c.isAlive()).findFirst();
    }

    private void reportDeath(ChildProcess c) {
        out.println("error: " + c.name() + " exited unexpectedly with code " + c.exitCode() + "; its log: " + c.log());
        for (String line : tail(c.log(), 5)) {
            out.println("  | " + line);
        }
    }

    private void stopSimulator() {
        if (simulator == null) {
            return;
        }
        out.println("stopping the simulator (it flushes what it has sent) ...");
        int code = simulator.stop(Duration.ofSeconds(CHILD_GRACE_SECONDS));
        children.remove(simulator);
        if (code != 0 && code != 143 && code != 130) {
            out.println("warning: the simulator ended with code " + code + "; see " + simulator.log());
        }
    }

    private void stopComponents() {
        out.println("stopping the streaming job and the sinks ...");
        for (ChildProcess c : List.copyOf(children)) {
            int code = c.stop(Duration.ofSeconds(CHILD_GRACE_SECONDS));
            children.remove(c);
            if (code == -1) {
                out.println("warning: " + c.name() + " did not stop within " + CHILD_GRACE_SECONDS + " s and was killed");
            }
        }
    }

    private void printSummary(Status last, Duration ran, SparkUi ui, StatusProbe probe) {
        out.println();
        Summary.counts(last, ran).forEach(out::println);
        List<RoomRow> rooms = RoomQuery.rows(probe.database());
        out.println("rooms (" + rooms.size() + "):");
        Summary.roomTable(rooms).forEach(out::println);
        out.println("the Spark UI was at " + ui.url() + " (gone with the job)");
        out.println("look at the data: " + Summary.mongoshCommand(services.mongoUri(), Names.DATABASE));
        out.println("logs: " + settings.logDir());
    }

    /** Stops whatever still runs; idempotent; used on every exit path. */
    private synchronized void stopEverything() {
        List<ChildProcess> newestFirst = new ArrayList<>(children);
        java.util.Collections.reverse(newestFirst);   // the simulator was started last: it stops first
        for (ChildProcess c : newestFirst) {
            c.stop(Duration.ofSeconds(CHILD_GRACE_SECONDS));
            children.remove(c);
        }
        if (services != null) {
            if (settings.keepStack() && !failed) {
                services.keep().forEach(out::println);
            } else {
                services.close();
            }
            services = null;
        }
    }

    /** Ctrl-C: ask the main thread for the orderly stop and give it time to finish before the JVM exits. */
    private void onCtrlC() {
        if (finished.getCount() == 0) {
            return;
        }
        stopRequested.countDown();
        try {
            if (!finished.await(CHILD_GRACE_SECONDS * 4 + settings.drainTimeout().toSeconds(), TimeUnit.SECONDS)) {
                stopEverything();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running, nothing to remove
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
