package io.sensorpipe.embedded.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The settings of a single-node KRaft cluster: one process is broker and controller, everything local. With
 * {@code security} the client listener is SASL_PLAINTEXT with SCRAM-SHA-512 (inter-broker too, as the admin), the
 * controller listener SASL_PLAINTEXT with PLAIN for the admin only (KRaft controllers cannot use SCRAM), and the
 * StandardAuthorizer denies whatever no ACL allows; without it, everything is PLAINTEXT with no authorizer.
 */
record BrokerSettings(Path dataDir, int port, int controllerPort, int partitions, BrokerSecurity security) {
    BrokerSettings(Path dataDir, int port, int controllerPort, int partitions) {
        this(dataDir, port, controllerPort, partitions, null);
    }

    /** Node id of the only node. */
    static final int NODE_ID = 1;
    /** Directory holding partitions and the metadata log. */
    Path logDir() {
        return dataDir.resolve("kafka-logs");
    }

    /** The server properties, as a server.properties file would hold them. */
    Properties toProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        if (security == null) {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
        } else {
            secure(p, security);
        }
        p.put("controller.listener.names", "CONTROLLER");
        p.put("log.dirs", logDir().toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(partitions));
        // single node: every internal topic has one replica and one in-sync replica is enough
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // consumers join at once instead of waiting 3 s for more members
        p.put("group.initial.rebalance.delay.ms", "0");
        // message.max.bytes stays the broker default (1 MiB), as on compose's apache/kafka broker and most clusters:
        // the pipeline's topics raise it themselves (max.message.bytes in kafka-init/topics.conf)
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", String.valueOf(256 * 1024 * 1024));
        return p;
    }

    /** Listener, SASL and authorizer settings of the secure mode. */
    private void secure(Properties p, BrokerSecurity sec) {
        String admin = BrokerSecurity.ADMIN;
        p.put("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "CLIENT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "CLIENT");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config", BrokerSecurity.scramJaas(admin, sec.adminPassword()));
        // the controller listener: PLAIN with one static user, the admin (SCRAM credentials live in the metadata
        // log the controller serves, so it cannot authenticate with them itself)
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", BrokerSecurity.plainJaas(admin, sec.adminPassword()));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + admin);
        p.put("allow.everyone.if.no.acl.found", "false");
    }
}
