package io.sensorpipe.producer;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Timestamps;
import io.sensorpipe.common.metrics.MetricsServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * One simulator run, usable in-process ({@code Simulator.run(config)}) by the CLI, the run command, benchmarks
 * and tests: check the broker, resume each room's sequence from the topic, then generate, throttle and send
 * until the count or duration is reached or {@link #stop()} is called; finally flush and wait for every ack.
 */
public final class Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final SimulatorConfig config;
    private volatile boolean stopRequested;
    private volatile boolean sending;
    private MetricsServer metrics;

    /** A simulator for one run of {@code config}. */
    public Simulator(SimulatorConfig config) {
        this.config = config;
    }

    /** Publishes this run's series and readiness on {@code server} (null: none); returns this. */
    public Simulator metrics(MetricsServer server) {
        this.metrics = server;
        return this;
    }

    /** Runs {@code config} to completion and returns its summary. */
    public static SimulatorSummary run(SimulatorConfig config) {
        return new Simulator(config).run();
    }

    /** Asks a running simulation to stop after the current reading; its records are still flushed and acked. */
    public void stop() {
        stopRequested = true;
    }

    /** Runs to completion (count, duration or stop) and returns the summary. */
    public SimulatorSummary run() {
        int partitions = KafkaPreflight.partitionsOf(config.client(), config.topic(), config.resume());
        Map<String, RoomTail> resumed = config.resume()
                ? new TopicTailReader(config.client())
                        .read(config.topic(), partitions, ReadingGenerator.roomIds(config.rooms()))
                : Map.of();
        long start = config.startMillis() != null ? config.startMillis() : System.currentTimeMillis();
        ReadingGenerator generator = generator(resumed, start);
        LOG.info("simulating {} rooms into '{}' ({} partitions) at {}: rate={}, {}, seed={}, resumed {} rooms",
                config.rooms(), config.topic(), partitions, config.client().getProperty("bootstrap.servers"),
                Double.isInfinite(config.ratePerSecond()) ? "max" : config.ratePerSecond() + "/s", limits(),
                config.seed(), resumed.size());
        warnIfClockRunsPastCodecLimit(Math.max(start,
                resumed.values().stream().mapToLong(RoomTail::lastTsMillis).max().orElse(start)));
        Deliveries deliveries = new Deliveries();
        if (metrics != null) {
            SimulatorMetrics.bind(metrics, config, deliveries, generator, () -> sending);
        }
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerTuning.producerProperties(config.client(), config.producerConfig()));
             Progress ignored = Progress.start(deliveries, config.progressEvery())) {
            sending = true;
            try {
                sendAll(generator, producer, deliveries, t0);
            } finally {
                sending = false;
            }
            producer.flush();
            producer.close(CLOSE_TIMEOUT);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new SimulatorSummary(generator.readings(), deliveries.sentCount(), deliveries.ackedCount(),
                deliveries.failedCount(), generator.faults(), millis, resumed, generator.nextSeqs());
    }

    private void sendAll(ReadingGenerator generator, KafkaProducer<byte[], byte[]> producer, Deliveries deliveries,
                         long t0) {
        String topic = config.topic();
        Throttler throttler = new Throttler(config.ratePerSecond());
        long deadline = config.duration() == null ? Long.MAX_VALUE : t0 + config.duration().toNanos();
        long count = config.count() == 0 ? Long.MAX_VALUE : config.count();
        // a reading's duplicate and malformed companions are always sent, so fault counts match what was sent
        while (generator.hasPending()
                || (!stopRequested && generator.readings() < count && System.nanoTime() < deadline)) {
            Emission e = generator.next();
            throttler.acquire();
            producer.send(new ProducerRecord<>(topic, e.key(), e.value()), deliveries);
            deliveries.sent();
        }
    }

    private ReadingGenerator generator(Map<String, RoomTail> resumed, long start) {
        return new ReadingGenerator(config.rooms(), config.seed(), start, config.intervalMillis(), config.faults(),
                resumed, config.fastClock() ? null : System::currentTimeMillis);
    }

    /** The codec rejects event times more than 7 days ahead of the wall clock: say so before sending them. */
    private void warnIfClockRunsPastCodecLimit(long firstTs) {
        if (!config.fastClock()) {
            return;   // event time is the wall clock
        }
        double speed = config.ratePerSecond() * config.intervalMillis() / 1000.0 / config.rooms();
        if (speed > 1) {
            LOG.warn("--fast-clock: event time runs {} times faster than the wall clock{}; readings more than 7 days"
                    + " ahead of when they are produced are dead-lettered", Double.isInfinite(speed) ? "many"
                    : String.format("%.1f", speed), Double.isInfinite(speed) ? "" : String.format(" (7 days ahead"
                    + " after %.1f hours)", 7 * 24 / (speed - 1)));
        }
        if (config.count() > 0) {
            long lastTs = firstTs + (config.count() / config.rooms() + 1) * config.intervalMillis();
            if (lastTs > System.currentTimeMillis() + Codec.MAX_FUTURE_MILLIS) {
                LOG.warn("the simulated clock will reach {}, more than 7 days ahead: the pipeline rejects such"
                        + " readings; use a smaller --interval or --count", Timestamps.iso(lastTs));
            }
        }
    }

    private String limits() {
        String count = config.count() == 0 ? "no count limit" : "count=" + config.count();
        return config.duration() == null ? count : count + ", duration=" + config.duration().toSeconds() + "s";
    }
}
