package io.sensorpipe.embedded.kafka;

import io.sensorpipe.common.process.Ready;

import io.sensorpipe.common.ParentWatch;
import io.sensorpipe.common.config.Cli;
import io.sensorpipe.common.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs one Apache Kafka node (combined broker and controller, KRaft mode) in this JVM. Prints
 * {@code READY kafka 127.0.0.1:PORT} once it accepts clients; exits on SIGTERM or when stdin reaches EOF.
 */
@Command(name = "kafka-broker", mixinStandardHelpOptions = true,
        description = "One-node Apache Kafka (KRaft) for the embedded stack.")
public final class KafkaBrokerMain implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", description = "Client listener port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--controller-port", defaultValue = "0",
            description = "KRaft controller port (0 = a free port; default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--data-dir", required = true, description = "Directory for the log segments and metadata.")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "6", description = "Default partitions of new topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Secure mode: SASL/SCRAM-SHA-512 users (user=password lines, 'admin' the super user) and the"
                    + " StandardAuthorizer; without it the broker is PLAINTEXT with no authorizer.")
    Path credentials;

    @Option(names = "--no-stdin-watch", description = "Do not exit when stdin reaches EOF (for manual runs).")
    boolean noStdinWatch;

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Cli.main(new KafkaBrokerMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        Settings.require(port >= 0 && port <= 65535, "--port", "must be 0..65535, got " + port);
        Settings.require(controllerPort >= 0 && controllerPort <= 65535, "--controller-port",
                "must be 0..65535, got " + controllerPort);
        Settings.positive(partitions, "--partitions");
        if (!noStdinWatch) {
            ParentWatch.exitOnStdinEof();
        }
        Files.createDirectories(dataDir);
        BrokerSettings settings = new BrokerSettings(dataDir, Ports.orFree(port), Ports.orFree(controllerPort), partitions,
                credentials == null ? null : BrokerSecurity.read(credentials));
        KafkaNode node = KafkaNode.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "kafka-stop"));
        if (credentials != null) {
            System.out.println("secure: SASL_PLAINTEXT with SCRAM-SHA-512 on the client listener, PLAIN (admin only) on"
                    + " the controller listener, StandardAuthorizer, super user " + BrokerSecurity.ADMIN);
        }
        Ready.announce("kafka", "127.0.0.1:" + settings.port());
        node.awaitShutdown();
        return 0;
    }
}
