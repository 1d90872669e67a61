package io.sensorpipe.embedded.kafka;

import java.nio.file.Path;
import java.util.Properties;

/** The settings of a single-node KRaft cluster: one process is broker and controller, everything local. */
record BrokerSettings(Path dataDir, int port, int controllerPort, int partitions) {
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
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
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
}
