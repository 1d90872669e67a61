package io.sensorpipe.sink;

import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.KafkaOptions;
import io.sensorpipe.common.config.KafkaRefusal;
import io.sensorpipe.common.config.MongoOptions;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.metrics.MetricsOptions;
import io.sensorpipe.common.metrics.MetricsServer;
import io.sensorpipe.common.metrics.Readiness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code bin/pipeline sink raw|derived}: stores readings or derived records in MongoDB until stopped. */
@Command(name = "sink", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stores Kafka records in MongoDB: 'raw' reads topic readings into sensors.readings,",
                "'derived' reads topic alpha into sensors.room_analytics, 'late' reads readings.late (the readings the",
                "streaming job found too late) into sensors.late_readings. Unordered bulk writes with _id roomId:seq,",
                "offsets committed after MongoDB acknowledged, bad records to sensors.dead_letters.",
                "Ctrl-C / SIGTERM: finish the current batch, commit, exit."})
public final class SinkCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "raw|derived|late", description = "Which sink to run.")
    String kind;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    MongoOptions mongo;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--group", paramLabel = "ID",
            description = "Consumer group (default: sink-raw, sink-derived or sink-late).")
    String group;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Documents per unordered bulk write (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-poll-records", paramLabel = "N", defaultValue = "5000",
            description = "Records per poll; one poll is one batch, committed after MongoDB acknowledged it "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxPollRecords;

    @Option(names = "--writes-in-flight", paramLabel = "N", defaultValue = "4",
            description = "Bulk writes of a batch sent before the oldest one's answer is awaited, 1 to 32; offsets "
                    + "are still committed only after every write of the batch was acknowledged (default: "
                    + "${DEFAULT-VALUE}; 1 = one at a time).")
    int writesInFlight;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
    long progressSeconds;

    /** Runs the command line. */
    public static void main(String[] args) {
        Cli.main(new SinkCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        SinkKind sinkKind = SinkKind.parse(kind);
        SinkConfig config = SinkConfig.of(sinkKind, kafka.clientProperties(), mongo.uri(), mongo.database())
                .withGroup(group == null ? sinkKind.defaultGroup() : group)
                .withBatching(batchSize, maxPollRecords)
                .withWritesInFlight(writesInFlight)
                .withProgressInterval(Duration.ofSeconds(Math.max(progressSeconds, 0)));
        int metricsPort = metrics.port();
        MetricsServer server = metricsPort == 0 ? null : MetricsServer.start(sinkKind.stage(), metricsPort,
                new Readiness());
        Sink sink;
        try {
            sink = Sink.start(config, server);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
        Thread hook = new Thread(() -> {
            sink.stop();
            try {
                sink.awaitStopped(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sink-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!sink.awaitStopped(Duration.ofSeconds(1))) {
            // the loop runs until a signal stops it or it fails
        }
        if (sink.failure() != null) {
            String refusal = KafkaRefusal.describe(sink.failure(), config.kafka());
            if (refusal != null) {
                throw new ServiceException(sinkKind.stage() + ": " + refusal, sink.failure());
            }
            throw new ServiceException(sinkKind.stage() + " failed: " + sink.failure().getMessage(), sink.failure());
        }
        return 0;
    }
}
