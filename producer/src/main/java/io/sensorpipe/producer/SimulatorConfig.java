package io.sensorpipe.producer;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.KafkaClients;
import io.sensorpipe.common.config.Settings;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Everything one simulator run needs. Build with {@link #builder(Properties)}; the CLI is a thin shell over it.
 *
 * @param client          Kafka client properties (bootstrap servers, security)
 * @param topic           target topic
 * @param rooms           number of rooms, room-001 .. room-N
 * @param ratePerSecond   total records per second; infinity for as fast as possible
 * @param count           stop after this many fresh readings (0 = no limit)
 * @param duration        stop after this long (null = no limit)
 * @param seed            seed of every random choice
 * @param startMillis     event time of the first reading (null = now)
 * @param intervalMillis  event-time spacing of one room's readings
 * @param faults          fault injection rates
 * @param resume          continue each room's sequence from what the topic holds
 * @param producerConfig  producer property overrides (acks and idempotence cannot be weakened)
 * @param progressEvery   interval of the progress line
 * @param fastClock       event time advances intervalMillis per reading of a room (false: it is the wall clock)
 */
public record SimulatorConfig(Properties client, String topic, int rooms, double ratePerSecond, long count,
                              Duration duration, long seed, Long startMillis, long intervalMillis, FaultRates faults,
                              boolean resume, Map<String, String> producerConfig, Duration progressEvery,
                              boolean fastClock) {
    /** Validates the settings, naming the flag of a bad one. */
    public SimulatorConfig {
        Settings.positive(rooms, "--rooms");
        Settings.require(ratePerSecond > 0, "--rate", "must be positive or 'max', got " + ratePerSecond);
        Settings.nonNegative(count, "--count");
        Settings.require(duration == null || !duration.isNegative() && !duration.isZero(), "--duration",
                "must be positive, got " + duration);
        Settings.positive(intervalMillis, "--interval");
        Settings.require(topic != null && !topic.isBlank(), "--topic", "must not be empty");
        Settings.require(fastClock || startMillis == null, "--start", "needs --fast-clock (by default event time is"
                + " the wall clock)");
        KafkaClients.requireKeyRouting(producerConfig, "--producer-config");
    }


    /** A builder with the CLI's defaults: topic readings, rate max, no limit, seed 42, interval 1 s, no faults. */
    public static Builder builder(Properties client) {
        return new Builder(client);
    }


    /** Fluent construction of a {@link SimulatorConfig}. */
    public static final class Builder {
        private final Properties client;
        private String topic = Names.TOPIC_READINGS;
        private int rooms = 1;
        private double rate = Double.POSITIVE_INFINITY;
        private long count;
        private Duration duration;
        private long seed = 42;
        private Long start;
        private long interval = 1000;
        private FaultRates faults = FaultRates.NONE;
        private boolean resume = true;
        private Map<String, String> producerConfig = Map.of();
        private Duration progressEvery = Duration.ofSeconds(5);
        private boolean fastClock;

        private Builder(Properties client) {
            this.client = client;
        }

        /** Target topic. */
        public Builder topic(String v) {
            topic = v;
            return this;
        }

        /** Number of rooms. */
        public Builder rooms(int v) {
            rooms = v;
            return this;
        }

        /** Total records per second (infinity = max). */
        public Builder rate(double v) {
            rate = v;
            return this;
        }

        /** Fresh readings to send (0 = no limit). */
        public Builder count(long v) {
            count = v;
            return this;
        }

        /** Run time limit (null = none). */
        public Builder duration(Duration v) {
            duration = v;
            return this;
        }

        /** Random seed. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Event time of the first reading (null = now). */
        public Builder start(Long v) {
            start = v;
            return this;
        }

        /** Event-time spacing of a room's readings. */
        public Builder intervalMillis(long v) {
            interval = v;
            return this;
        }

        /** Event time advances the interval per reading (faster than the wall clock), from --start or now. */
        public Builder fastClock(boolean v) {
            fastClock = v;
            return this;
        }

        /** Fault rates. */
        public Builder faults(FaultRates v) {
            faults = v;
            return this;
        }

        /** Resume sequences from the topic (default true). */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /** Producer property overrides. */
        public Builder producerConfig(Map<String, String> v) {
            producerConfig = Map.copyOf(v);
            return this;
        }
        /** Progress line interval. */
        public Builder progressEvery(Duration v) {
            progressEvery = v;
            return this;
        }


        /** The validated configuration. */
        public SimulatorConfig build() {
            return new SimulatorConfig(client, topic, rooms, rate, count, duration, seed, start, interval, faults,
                    resume, producerConfig, progressEvery, fastClock);
        }
    }
}
