package io.sensorpipe.sink;

import io.sensorpipe.common.config.Settings;
import io.sensorpipe.sink.write.Backoff;

import java.time.Duration;
import java.util.Properties;

/**
 * Everything one sink instance needs, validated.
 *
 * @param kind             raw or derived
 * @param kafka            Kafka client properties (bootstrap servers plus any security settings)
 * @param mongoUri         MongoDB connection string
 * @param database         database name
 * @param group            consumer group
 * @param bulkSize         documents per unordered bulk write
 * @param maxPollRecords   records per poll; one poll is one batch, committed once MongoDB acknowledged it
 * @param writesInFlight   bulk writes of a batch sent before the oldest one's answer is awaited (1: one at a time)
 * @param progressInterval how often the progress line is logged
 * @param backoff          retry delays for transient database errors
 */
public record SinkConfig(SinkKind kind, Properties kafka, String mongoUri, String database, String group,
                         int bulkSize, int maxPollRecords, int writesInFlight, Duration progressInterval,
                         Backoff backoff) {
    /** Default documents per bulk write. */
    public static final int DEFAULT_BULK_SIZE = 1000;
    /** Default records per poll (one batch). */
    public static final int DEFAULT_MAX_POLL_RECORDS = 5000;
    /** Default bulk writes in flight per sink instance. */
    public static final int DEFAULT_WRITES_IN_FLIGHT = 4;
    /** The most bulk writes in flight per sink instance (each holds a connection of the client's pool). */
    public static final int MAX_WRITES_IN_FLIGHT = 32;

    /** Validates the numbers. */
    public SinkConfig {
        Settings.positive(bulkSize, "--batch-size");
        Settings.positive(maxPollRecords, "--max-poll-records");
        Settings.require(writesInFlight >= 1 && writesInFlight <= MAX_WRITES_IN_FLIGHT, "--writes-in-flight",
                "must be between 1 and " + MAX_WRITES_IN_FLIGHT + ", got " + writesInFlight);
        Settings.require(progressInterval != null && !progressInterval.isNegative() && !progressInterval.isZero(),
                "--progress-interval", "must be positive");
        Settings.require(group != null && !group.isBlank(), "--group", "must not be empty");
    }

    /**
     * A configuration with the defaults: the kind's own group, 1,000 per bulk write, 5,000 per poll, 4 writes in
     * flight, 5 s progress.
     */
    public static SinkConfig of(SinkKind kind, Properties kafka, String mongoUri, String database) {
        return new SinkConfig(kind, kafka, mongoUri, database, kind.defaultGroup(), DEFAULT_BULK_SIZE,
                DEFAULT_MAX_POLL_RECORDS, DEFAULT_WRITES_IN_FLIGHT, Duration.ofSeconds(5), Backoff.DEFAULT);
    }

    /** The same configuration with another consumer group. */
    public SinkConfig withGroup(String newGroup) {
        return new SinkConfig(kind, kafka, mongoUri, database, newGroup, bulkSize, maxPollRecords, writesInFlight,
                progressInterval, backoff);
    }

    /** The same configuration with other batch sizes. */
    public SinkConfig withBatching(int newBulkSize, int newMaxPollRecords) {
        return new SinkConfig(kind, kafka, mongoUri, database, group, newBulkSize, newMaxPollRecords,
                writesInFlight, progressInterval, backoff);
    }

    /** The same configuration with another progress interval. */
    public SinkConfig withProgressInterval(Duration interval) {
        return new SinkConfig(kind, kafka, mongoUri, database, group, bulkSize, maxPollRecords, writesInFlight,
                interval, backoff);
    }

    /** The same configuration with another backoff. */
    public SinkConfig withBackoff(Backoff newBackoff) {
        return new SinkConfig(kind, kafka, mongoUri, database, group, bulkSize, maxPollRecords, writesInFlight,
                progressInterval, newBackoff);
    }

    /** The same configuration with another number of bulk writes in flight. */
    public SinkConfig withWritesInFlight(int n) {
        return new SinkConfig(kind, kafka, mongoUri, database, group, bulkSize, maxPollRecords, n, progressInterval,
                backoff);
    }
}
