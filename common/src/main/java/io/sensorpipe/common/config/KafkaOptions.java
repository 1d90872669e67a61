package io.sensorpipe.common.config;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Kafka connection settings shared by every component (picocli mixin). Security settings (SASL/SCRAM, TLS)
 * come from a client properties file, merged into every producer, consumer and admin client.
 */
public class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:KAFKA_CLIENT_CONFIG:-}",
            description = "Extra Kafka client properties, e.g. security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512,"
                    + " sasl.jaas.config, ssl.truststore.location (env KAFKA_CLIENT_CONFIG).")
    String clientConfigFile;

    /** Bootstrap servers after validation. */
    public String bootstrapServers() {
        Settings.require(bootstrapServers != null && !bootstrapServers.isBlank(), "--bootstrap-servers",
                "must not be empty");
        for (String hp : bootstrapServers.split(",")) {
            int colon = hp.trim().lastIndexOf(':');
            boolean ok = colon > 0 && hp.trim().substring(colon + 1).matches("\\d{1,5}");
            Settings.require(ok, "--bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS)",
                    "'" + hp.trim() + "' is not HOST:PORT");
        }
        return bootstrapServers.trim();
    }

    /** Base client properties: bootstrap servers plus the optional security file. */
    public Properties clientProperties() {
        Properties p = new Properties();
        if (clientConfigFile != null && !clientConfigFile.isBlank()) {
            Path file = Path.of(clientConfigFile);
            Settings.require(Files.isReadable(file), "--kafka-config (KAFKA_CLIENT_CONFIG)",
                    "file " + file + " is not readable");
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new SettingException("--kafka-config (KAFKA_CLIENT_CONFIG)", "cannot read " + file + ": " + e.getMessage());
            }
        }
        p.put("bootstrap.servers", bootstrapServers());
        KafkaRefusal.remember(p);
        return p;
    }

    /** Sets the bootstrap servers programmatically (tests, the launcher). */
    public KafkaOptions withBootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }
}
