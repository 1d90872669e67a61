package io.sensorpipe.producer;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.DurationConverter;
import io.sensorpipe.common.config.KafkaOptions;
import io.sensorpipe.common.config.Settings;
import io.sensorpipe.common.metrics.MetricsOptions;
import io.sensorpipe.common.metrics.MetricsServer;
import io.sensorpipe.common.metrics.Readiness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code bin/pipeline simulate}: emits room temperature readings to Kafka; a thin shell over {@link Simulator}. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Emit room temperature readings to Kafka (key = roomId, JSON value), with optional faults."
                + " Prints a progress line every 5 s and a summary at the end (also on Ctrl-C).")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Option(names = "--rooms", required = true, paramLabel = "N", description = "Number of rooms, room-001 .. room-N.")
    int rooms;

    @Option(names = "--rate", paramLabel = "N|max", defaultValue = "max", converter = Converters.Rate.class,
            description = "Total records per second, or 'max' (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N fresh readings (0 = no limit; default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.Positive.class,
            description = "Stop after this long, e.g. 30s, 5m (default: no limit; without --count or --duration"
                    + " the simulator runs until Ctrl-C).")
    Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed: the same seed and --start give the same readings (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fast-clock", negatable = false,
            description = "Simulated event time: each room's clock advances --interval per reading from --start,"
                    + " faster than the wall clock when a room gets more than one reading per interval (a backlog in"
                    + " seconds). Readings more than 7 days ahead of when they are produced are dead-lettered."
                    + " Default: each reading is stamped with the wall-clock time it is made.")
    boolean fastClock;

    @Option(names = "--start", paramLabel = "TIME", converter = Converters.Instant.class,
            description = "With --fast-clock: event time of the first reading, ISO-8601 UTC (default: now; a"
                    + " resumed room continues after its last event time if that is later).")
    Long start;

    @Option(names = "--interval", paramLabel = "TIME", converter = DurationConverter.Positive.class,
            description = "With --fast-clock: event-time spacing of one room's readings (default: 1s).")
    Duration interval;

    @Option(names = "--duplicate-rate", paramLabel = "P", defaultValue = "0",
            description = "Probability per reading of also re-sending a recent reading of the room (default: 0).")
    double duplicateRate;

    @Option(names = "--out-of-order-rate", paramLabel = "P", defaultValue = "0",
            description = "Probability per reading of moving its event time back by up to 60 s (default: 0).")
    double outOfOrderRate;

    @Option(names = "--gap-rate", paramLabel = "P", defaultValue = "0",
            description = "Probability per reading of skipping 1-3 sequence numbers before it (default: 0).")
    double gapRate;

    @Option(names = "--malformed-rate", paramLabel = "P", defaultValue = "0",
            description = "Probability per reading of also sending a malformed record for the room (default: 0).")
    double malformedRate;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = Names.TOPIC_READINGS,
            description = "Target topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--no-resume", negatable = false,
            description = "Do not read the topic's tail to continue each room's sequence (seqs start at 1).")
    boolean noResume;

    @Option(names = "--producer-config", paramLabel = "KEY=VALUE",
            description = "Producer property override, repeatable (e.g. linger.ms=50, compression.type=zstd);"
                    + " acks=all and idempotence stay on.")
    Map<String, String> producerConfig = new LinkedHashMap<>();

    private final CountDownLatch finished = new CountDownLatch(1);

    /** Entry point of {@code bin/pipeline simulate}. */
    public static void main(String[] args) {
        Cli.main(new SimulateCommand(), args);
    }

    @Override
    public Integer call() {
        SimulatorConfig config = config();
        int metricsPort = metrics.port();
        MetricsServer server = metricsPort == 0 ? null : MetricsServer.start("simulator", metricsPort, new Readiness());
        Simulator simulator = new Simulator(config).metrics(server);
        Thread hook = new Thread(() -> stopAndWait(simulator), "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SimulatorSummary summary = simulator.run();
            System.out.println(summary.line());
            return summary.failed() == 0 ? 0 : Cli.EXIT_FAILURE;
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    SimulatorConfig config() {
        Settings.require(fastClock || interval == null, "--interval", "needs --fast-clock (by default event time is"
                + " the wall clock)");
        return SimulatorConfig.builder(kafka.clientProperties())
                .topic(topic).rooms(rooms).rate(rate).count(count).duration(duration).seed(seed).start(start)
                .intervalMillis(interval == null ? 1000 : interval.toMillis()).fastClock(fastClock)
                .faults(new FaultRates(duplicateRate, outOfOrderRate, gapRate, malformedRate))
                .resume(!noResume).producerConfig(producerConfig)
                .build();
    }

    private void stopAndWait(Simulator simulator) {
        simulator.stop();   // Ctrl-C: stop generating, flush, wait for acks; the main thread prints the summary
        try {
            finished.await(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down (Ctrl-C): the hook is running and waits for us
        }
    }
}
