package io.sensorpipe.streaming;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.DurationConverter;
import io.sensorpipe.common.config.KafkaOptions;
import io.sensorpipe.common.config.Settings;
import io.sensorpipe.common.metrics.MetricsOptions;
import io.sensorpipe.common.metrics.MetricsServer;
import io.sensorpipe.common.metrics.Readiness;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.metrics.InputLag;
import io.sensorpipe.streaming.metrics.JobMetrics;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code bin/pipeline stream} and the spark-submit main class: runs the streaming job until stopped. */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Spark Streaming job: readings -> per-room change, gap, rolling window -> alpha.")
public final class StreamCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamCommand.class);

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Option(names = "--master", defaultValue = "${env:SPARK_MASTER}",
            description = "Spark master (env SPARK_MASTER; default: the one spark-submit gives, else local[*]).")
    String master;

    @Option(names = "--batch-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "Batch interval (default: ${DEFAULT-VALUE}).")
    Duration batchInterval;

    @Option(names = "--window", defaultValue = "60s", converter = DurationConverter.class,
            description = "Rolling window W, whole seconds (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--lateness", defaultValue = "300s", converter = DurationConverter.class,
            description = "Allowed lateness L: later readings are dropped and counted (default: ${DEFAULT-VALUE}).")
    Duration lateness;

    @Option(names = "--input-topic", defaultValue = Names.TOPIC_READINGS, description = "Default: ${DEFAULT-VALUE}.")
    String inputTopic;

    @Option(names = "--output-topic", defaultValue = Names.TOPIC_ALPHA, description = "Default: ${DEFAULT-VALUE}.")
    String outputTopic;

    @Option(names = "--dlq-topic", defaultValue = Names.TOPIC_DLQ, description = "Default: ${DEFAULT-VALUE}.")
    String dlqTopic;

    @Option(names = "--late-topic", defaultValue = Names.TOPIC_LATE,
            description = "Topic of the readings dropped as too late, stored by 'sink late' in sensors.late_readings;"
                    + " 'none' = do not publish them (default: ${DEFAULT-VALUE}).")
    String lateTopic;

    @Option(names = "--group", defaultValue = Names.GROUP_STREAMING,
            description = "Consumer group holding the input position (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--max-rate-per-partition", defaultValue = "0",
            description = "Readings per second per partition, 0 = unlimited (default: ${DEFAULT-VALUE}).")
    long maxRatePerPartition;

    @Option(names = "--backpressure", defaultValue = "true", arity = "1",
            description = "Adapt the ingestion rate to the processing rate, true/false (default: ${DEFAULT-VALUE}).")
    boolean backpressure;

    @Option(names = "--initial-rate", defaultValue = "50000",
            description = "With backpressure: readings per second, all partitions together, for the first batch, before"
                    + " there is a measured rate; keeps the first batch of a cold job bounded when a backlog waits"
                    + " (default: ${DEFAULT-VALUE}).")
    long initialRate;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:SENSORPIPE_STATE_DIR}",
            description = "Directory of the state snapshots that bound a restore (env SENSORPIPE_STATE_DIR; on a"
                    + " cluster a shared file system mounted at the same path on every executor; 'none' = no"
                    + " snapshots). Default: <data>/state in local mode, none on a cluster.")
    String stateDir;

    @Option(names = "--snapshot-interval", defaultValue = "30s", converter = DurationConverter.class,
            description = "A snapshot per partition after this long, or earlier once an eighth of its state's readings"
                    + " (at least 5,000) of output went out: a restore replays at most that much output after the"
                    + " snapshot, plus one batch (default: ${DEFAULT-VALUE}).")
    Duration snapshotInterval;

    /** Entry point for bin/pipeline and spark-submit. */
    public static void main(String[] args) {
        Cli.main(new StreamCommand(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        StreamingJob.Options options = options();
        int metricsPort = metrics.port();
        SparkConf conf = sparkConf();
        LOG.info("stream {} -> {} on {} with master {}, batch {} ms, W {} s, L {} s", inputTopic, outputTopic,
                options.settings().kafkaClient().get("bootstrap.servers"), conf.get("spark.master"),
                batchInterval.toMillis(), window.toSeconds(), lateness.toSeconds());
        // the Kafka checks run while the Spark context starts (both take seconds); in local mode the restores start
        // as soon as the topics are checked
        String master = conf.get("spark.master");
        boolean local = master.equals("local") || master.startsWith("local[");   // as Spark's isLocal (not local-cluster)
        java.util.concurrent.CompletableFuture<StreamingJob.Options> checked =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> StreamingJob.check(options, local));
        // /health answers from the start; /ready once the job runs and its first batch is done
        try (MetricsServer server = metricsPort == 0 ? null
                : MetricsServer.start("stream-job", metricsPort, new Readiness());
             JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            StreamingJob.warmUp(sc);
            java.lang.management.RuntimeMXBean jvm = java.lang.management.ManagementFactory.getRuntimeMXBean();
            long contextUp = jvm.getUptime();
            StreamingJob.Options checkedOptions = joinChecks(checked);
            long checksDone = jvm.getUptime();
            StreamingJob job = StreamingJob.startChecked(sc, checkedOptions, local);
            // where the time before the first batch goes (issue 13: first output after launch)
            LOG.info("started, in ms of JVM uptime: Spark context {}, Kafka checks joined {}, streaming context {}",
                    contextUp, checksDone, jvm.getUptime());
            InputLag lag = server == null ? null : new InputLag(checkedOptions.settings().kafkaClient(), inputTopic,
                    group, Duration.ofSeconds(5));
            if (server != null) {
                job.addStreamingListener(JobMetrics.bind(server, job.batchLog(), lag, batchInterval, sc.isLocal()));
                LOG.info("metrics on http://0.0.0.0:{}/metrics (/health, /ready)", server.port());
            }
            try {
                job.awaitTermination();
            } finally {
                if (lag != null) {
                    lag.close();
                }
            }   // SIGTERM: Spark's shutdown hook stops gracefully (batches in flight finish)
            MicroBatchCounts t = job.batchLog().total();
            LOG.info("stopped: in={} derived={} duplicates={} tooLate={} deadLetters={}", t.in(), t.derived(),
                    t.duplicates(), t.tooLate(), t.deadLetters());
        }
        return 0;
    }

    /** The checks' result; their failure (a setting or service problem) is rethrown as it was. */
    private static StreamingJob.Options joinChecks(java.util.concurrent.CompletableFuture<StreamingJob.Options> f)
            throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Validated job options; a bad setting fails here with one line naming it. */
    StreamingJob.Options options() {
        Settings.positive(batchInterval.toMillis(), "--batch-interval");
        Settings.positive(window.toMillis(), "--window");
        Settings.require(window.toMillis() % 1000 == 0, "--window", "must be whole seconds, got " + window);
        Settings.require(window.compareTo(Duration.ofDays(1)) <= 0, "--window", "must be at most 1 day (24h), got "
                + DurationConverter.format(window));
        Settings.nonNegative(lateness.toMillis(), "--lateness");
        Settings.require(lateness.compareTo(Duration.ofDays(7)) <= 0, "--lateness", "must be at most 7 days, got "
                + DurationConverter.format(lateness));
        Settings.require(batchInterval.compareTo(Duration.ofHours(1)) <= 0, "--batch-interval",
                "must be at most 1 hour, got " + DurationConverter.format(batchInterval));
        Settings.nonNegative(maxRatePerPartition, "--max-rate-per-partition");
        Settings.positive(initialRate, "--initial-rate");
        for (String[] t : new String[][] {{"--input-topic", inputTopic}, {"--output-topic", outputTopic},
                {"--dlq-topic", dlqTopic}, {"--late-topic", lateTopic}, {"--group", group}}) {
            Settings.require(t[1] != null && !t[1].isBlank(), t[0], "must not be empty");
        }
        Map<String, String> client = new TreeMap<>();
        kafka.clientProperties().forEach((k, v) -> client.put(String.valueOf(k), String.valueOf(v)));
        Settings.positive(snapshotInterval.toMillis(), "--snapshot-interval");
        JobSettings settings = new JobSettings(AnalyticsSettings.of(window, lateness), outputTopic, dlqTopic, client,
                stateDir(), snapshotInterval.toMillis(), "none".equals(lateTopic) ? null : lateTopic);
        return new StreamingJob.Options(settings, inputTopic, group, batchInterval, maxRatePerPartition);
    }

    /** The snapshot directory: the flag, else {@code <data>/state} in local mode; null for none. */
    private String stateDir() {
        if (stateDir != null && !stateDir.isBlank()) {
            Settings.require(!stateDir.contains("\0"), "--state-dir", "is not a path");
            return stateDir.equals("none") ? null : stateDir;
        }
        String m = master != null && !master.isBlank() ? master : System.getProperty("spark.master", "local[*]");
        if (!m.startsWith("local")) {
            LOG.warn("no --state-dir on a cluster: every restore reads whole alpha partitions; give a directory on a"
                    + " shared file system");
            return null;
        }
        String data = System.getenv("SENSORPIPE_DATA");
        if (data == null || data.isBlank()) {
            data = java.nio.file.Path.of(System.getenv().getOrDefault("SENSORPIPE_HOME", "."), "data").toString();
        }
        return java.nio.file.Path.of(data, "state").toString();
    }

    private SparkConf sparkConf() {
        SparkConf conf = StreamingJob.configure(new SparkConf().setAppName("sensorpipe-stream"));
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.master", "local[*]");
        conf.set("spark.streaming.stopGracefullyOnShutdown", "true");
        conf.set("spark.streaming.backpressure.enabled", String.valueOf(backpressure));
        if (backpressure) {
            conf.setIfMissing("spark.streaming.backpressure.initialRate", Long.toString(initialRate));
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        // the first batch at once, not on the next whole interval (input/FirstBatchNowClock)
        conf.setIfMissing("spark.streaming.clock", io.sensorpipe.streaming.input.FirstBatchNowClock.class.getName());
        conf.setIfMissing("spark.streaming.kafka.consumer.poll.ms", "10000");
        return conf;
    }
}
