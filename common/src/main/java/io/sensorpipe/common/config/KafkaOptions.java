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
        saslFromEnvironment(p, System.getenv());
        p.put("bootstrap.servers", bootstrapServers());
        KafkaRefusal.remember(p);
        return p;
    }

    /**
     * SASL/SCRAM credentials from the environment (how compose hands each component its own principal, the
     * password a secret): {@code KAFKA_SASL_USERNAME} and {@code KAFKA_SASL_PASSWORD}, with
     * {@code KAFKA_SECURITY_PROTOCOL} (default SASL_PLAINTEXT) and {@code KAFKA_SASL_MECHANISM} (default
     * SCRAM-SHA-512). A client file that already names a {@code sasl.jaas.config} wins; one without the other is a
     * setting error.
     */
    static void saslFromEnvironment(Properties p, java.util.Map<String, String> env) {
        String user = env.get("KAFKA_SASL_USERNAME");
        String password = env.get("KAFKA_SASL_PASSWORD");
        boolean hasUser = user != null && !user.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (!hasUser && !hasPassword || p.containsKey("sasl.jaas.config")) {
            return;
        }
        Settings.require(hasUser && hasPassword, hasUser ? "KAFKA_SASL_PASSWORD" : "KAFKA_SASL_USERNAME",
                "must be set together with " + (hasUser ? "KAFKA_SASL_USERNAME" : "KAFKA_SASL_PASSWORD"));
        Settings.require(!user.contains("\"") && !password.contains("\""), "KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD",
                "must not contain '\"'");
        String mechanism = orDefault(env.get("KAFKA_SASL_MECHANISM"), "SCRAM-SHA-512");
        String module = mechanism.startsWith("SCRAM") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        p.putIfAbsent("security.protocol", orDefault(env.get("KAFKA_SECURITY_PROTOCOL"), "SASL_PLAINTEXT"));
        p.put("sasl.mechanism", mechanism);
        p.put("sasl.jaas.config", module + " required username=\"" + user.trim() + "\" password=\"" + password + "\";");
    }

    private static String orDefault(String v, String dflt) {
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    /** Sets the bootstrap servers programmatically (tests, the launcher). */
    public KafkaOptions withBootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }
}
