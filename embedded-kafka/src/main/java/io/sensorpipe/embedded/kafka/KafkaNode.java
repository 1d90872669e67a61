package io.sensorpipe.embedded.kafka;

import io.sensorpipe.common.config.ServiceException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** A running KRaft node: formats its storage on first start, then runs the real Kafka server classes. */
final class KafkaNode {
    private final KafkaRaftServer server;
    private volatile boolean stopped;

    private KafkaNode(KafkaRaftServer server) {
        this.server = server;
    }

    /** Formats the storage if needed, starts the node and waits until it answers a client request. */
    static KafkaNode start(BrokerSettings settings) throws IOException {
        Properties props = settings.toProperties();
        Path propsFile = writeProperties(settings, props);
        if (!Files.exists(settings.logDir().resolve("meta.properties"))) {
            format(propsFile, settings.security());
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        KafkaNode node = new KafkaNode(server);
        node.awaitClients(settings.port(), settings.security());
        return node;
    }

    private static Path writeProperties(BrokerSettings settings, Properties props) throws IOException {
        Path file = settings.dataDir().resolve("server.properties");
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));   // the admin's password
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "written by KafkaBrokerMain on every start");
        }
        return file;
    }

    /** Same as {@code kafka-storage.sh format}: writes meta.properties and the bootstrap metadata of a new cluster. */
    private static void format(Path propsFile, BrokerSecurity security) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("format", "--cluster-id",
                Uuid.randomUuid().toString(), "--config", propsFile.toString()));
        if (security != null) {
            args.addAll(security.formatArguments());   // SCRAM users exist before any client connects (KIP-900)
        }
        int rc = StorageTool.execute(args.toArray(new String[0]), new PrintStream(buf, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new ServiceException("cannot format Kafka storage: " + buf.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private void awaitClients(int port, BrokerSecurity security) {
        Map<String, Object> conf = new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + port, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
        if (security != null) {
            conf.put("security.protocol", "SASL_PLAINTEXT");
            conf.put("sasl.mechanism", "SCRAM-SHA-512");
            conf.put("sasl.jaas.config", BrokerSecurity.scramJaas(BrokerSecurity.ADMIN, security.adminPassword()));
        }
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ServiceException("Kafka node did not answer on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Blocks until the node has shut down. */
    void awaitShutdown() {
        server.awaitShutdown();
    }

    /** Shuts down in an orderly way (flushes logs, writes a clean-shutdown marker); idempotent. */
    synchronized void stop() {
        if (!stopped) {
            stopped = true;
            server.shutdown();
            server.awaitShutdown();
        }
    }
}
