package io.sensorpipe.deploy.cluster;

import io.sensorpipe.common.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine: a master and a worker, each its own JVM started from the Spark jars,
 * everything bound to 127.0.0.1 on free ports; applications are submitted with Spark's own {@code SparkSubmit}.
 */
public final class SparkStandaloneCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** SIGTERM first, so Spark's shutdown hooks run. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final SparkHome home;
    private final Path logs;
    private final List<String> jvmOptions;
    private final List<ChildProcess> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopQuietly, "spark-cluster-stop");
    private String masterUrl;
    private String masterWebUiUrl;
    private String workerWebUiUrl;
    private ChildProcess worker;

    private SparkStandaloneCluster(SparkHome home, Path logs, List<String> jvmOptions) {
        this.home = home;
        this.logs = logs;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Starts a master and one worker (2 cores, 1 GB for executors) and waits until the worker has registered.
     *
     * @param dir        where SPARK_HOME and the logs go
     * @param sparkJars  the Spark distribution's jars (spark-core and its dependencies)
     * @param jvmOptions options for every Spark JVM (the Java 17 {@code --add-opens} list)
     */
    public static SparkStandaloneCluster start(Path dir, List<Path> sparkJars, List<String> jvmOptions)
            throws IOException, InterruptedException {
        SparkStandaloneCluster cluster = new SparkStandaloneCluster(
                SparkHome.create(dir.resolve("spark-home"), sparkJars), dir.resolve("logs"), jvmOptions);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);   // no orphans if the test JVM is stopped
        try {
            cluster.startMaster();
            cluster.startWorker();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startMaster() throws IOException, InterruptedException {
        ChildProcess master = daemon("master", "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
        masterUrl = master.awaitLog(Pattern.compile("Starting Spark master at (spark://\\S+)"), START_TIMEOUT);
        masterWebUiUrl = master.awaitLog(Pattern.compile("Bound MasterWebUI to \\S+ and started at (http://\\S+)"), START_TIMEOUT);
    }

    private void startWorker() throws IOException, InterruptedException {
        worker = daemon("worker", "org.apache.spark.deploy.worker.Worker",
                List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "2", "--memory", "1g",
                        "--work-dir", home.workDir().toString(), masterUrl));
        workerWebUiUrl = worker.awaitLog(Pattern.compile("Bound WorkerWebUI to \\S+ and started at (http://\\S+)"), START_TIMEOUT);
        worker.awaitLog(Pattern.compile("Successfully registered with master"), START_TIMEOUT);
    }

    private ChildProcess daemon(String name, String mainClass, List<String> args) throws IOException {
        List<String> opts = new ArrayList<>(jvmOptions);
        opts.add("-Xmx256m");
        ChildProcess jvm = ChildProcess.start(ChildProcess.Command.java(opts, home.classpath(), mainClass, args)
                .named(name).env(home.environment()).stopOnClose(STOP_GRACE), logs.resolve(name + ".log"));
        processes.add(jvm);
        return jvm;
    }

    /** The worker's process id: the parent of every executor JVM. */
    public long workerPid() {
        return worker.pid();
    }

    /** The master's web UI, {@code http://HOST:PORT} (its JSON at {@code /json/}). */
    public String masterWebUiUrl() {
        return masterWebUiUrl;
    }

    /** The worker's web UI, {@code http://HOST:PORT} (its JSON at {@code /json/}). */
    public String workerWebUiUrl() {
        return workerWebUiUrl;
    }

    /** The master's address, {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return masterUrl;
    }

    /**
     * Runs {@code SparkSubmit --master <this cluster> --deploy-mode client --class mainClass appJar appArgs}: the
     * driver runs in the returned JVM, the executors in JVMs the worker launches.
     */
    public ChildProcess submit(String name, Path appJar, String mainClass, List<String> appArgs) throws IOException {
        return submit(name, appJar, mainClass, appArgs, 0);
    }

    /** The same; with {@code uiPort > 0} the driver serves its web UI on that port of 127.0.0.1. */
    public ChildProcess submit(String name, Path appJar, String mainClass, List<String> appArgs, int uiPort)
            throws IOException {
        List<String> args = new ArrayList<>(Arrays.asList("--master", masterUrl, "--deploy-mode", "client",
                "--name", name, "--class", mainClass,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=512m", "--conf", "spark.cores.max=2",
                "--conf", "spark.ui.enabled=" + (uiPort > 0), "--conf", "spark.ui.port=" + Math.max(uiPort, 4040),
                appJar.toAbsolutePath().toString()));
        args.addAll(appArgs);
        List<String> opts = new ArrayList<>(jvmOptions);
        opts.add("-Xmx768m");
        ChildProcess driver = ChildProcess.start(ChildProcess.Command.java(opts, home.classpath(),
                "org.apache.spark.deploy.SparkSubmit", args).named(name).env(home.environment()).stopOnClose(STOP_GRACE),
                logs.resolve(name + ".log"));
        processes.add(driver);
        return driver;
    }

    /** Every process started here and every descendant seen (the executors), for an orphan check. */
    public List<ProcessHandle> allProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        processes.forEach(p -> all.addAll(p.processes()));
        return all;
    }

    /** Stops drivers first, then the worker (and its executors), then the master. */
    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the processes
        }
        stopAll();
    }

    private synchronized void stopAll() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    private void stopQuietly() {
        try {
            stopAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
