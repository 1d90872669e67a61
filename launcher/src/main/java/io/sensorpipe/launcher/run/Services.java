package io.sensorpipe.launcher.run;

import java.util.List;

/** Kafka and MongoDB for a run: embedded ones started by the launcher, or the ones the environment names. */
public interface Services extends AutoCloseable {
    /** Kafka bootstrap servers. */
    String bootstrapServers();

    /** MongoDB connection string. */
    String mongoUri();

    /** True when Kafka is the embedded broker (plain text: no client security settings apply). */
    boolean kafkaEmbedded();

    /** One line saying what runs where, e.g. {@code kafka 127.0.0.1:40123 (embedded), mongodb ... (MONGODB_URI)}. */
    String describe();

    /** Leaves the embedded services running; returns lines saying where they are and how to stop them. */
    List<String> keep();

    /** Stops what the launcher started; services it was given are left alone. */
    @Override
    void close();
}
