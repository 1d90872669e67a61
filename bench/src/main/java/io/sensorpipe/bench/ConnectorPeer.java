package io.sensorpipe.bench;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The connector peer of the raw sink (issue 13): MongoDB's own Kafka sink connector on Kafka Connect standalone
 * (its main class in a JVM of its own; the connector's plugin jar, which bundles its own driver, loaded in Connect's
 * plugin isolation from {@code bench/target/connect-plugins}), with its recommended idempotent settings: JSON
 * values without schemas, {@code _id} = the reading's business key (roomId, seq) taken from the value, and a
 * replace-or-insert by {@code _id}, so a replay is a no-op as with the raw sink.
 */
final class ConnectorPeer {
    /** Kafka Connect standalone's entry point: worker properties, then connector properties. */
    static final String MAIN = "org.apache.kafka.connect.cli.ConnectStandalone";
    /** Where the connector stores the readings. */
    static final String COLLECTION = "bench_connector_readings";

    private ConnectorPeer() {
    }

    /** Writes the worker's and the connector's properties into {@code dir}; returns the two files, in that order. */
    static List<String> writeProperties(Path dir, Path home, String bootstrap, String mongoUri, String connectorName)
            throws IOException {
        Path plugins = home.resolve("bench/target/connect-plugins");
        if (!Files.isDirectory(plugins)) {
            throw new IllegalStateException("no " + plugins + " (the connector's plugin jar); run: bin/pipeline build");
        }
        Path worker = dir.resolve("worker.properties");
        Files.writeString(worker, String.join("\n",
                "bootstrap.servers=" + bootstrap,
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable=false",
                "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
                "offset.flush.interval.ms=1000",
                // the REST interface on loopback and a free port: nothing uses it here
                "listeners=http://127.0.0.1:0",
                // committed input only, like every component of the project
                "consumer.isolation.level=read_committed",
                "consumer.auto.offset.reset=earliest",
                // the connector in its own class loader (it bundles the driver 4.7); found by scanning that directory
                "plugin.path=" + plugins,
                "plugin.discovery=only_scan", ""));
        Path connector = dir.resolve("connector.properties");
        Files.writeString(connector, String.join("\n",
                "name=" + connectorName,
                "connector.class=com.mongodb.kafka.connect.MongoSinkConnector",
                "tasks.max=1",
                "topics=" + io.sensorpipe.common.Names.TOPIC_READINGS,
                "connection.uri=" + mongoUri,
                "database=" + io.sensorpipe.common.Names.DATABASE,
                "collection=" + COLLECTION,
                "document.id.strategy=com.mongodb.kafka.connect.sink.processor.id.strategy.PartialValueStrategy",
                "document.id.strategy.partial.value.projection.type=AllowList",
                "document.id.strategy.partial.value.projection.list=roomId,seq",
                "document.id.strategy.overwrite.existing=true",
                "writemodel.strategy=com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy",
                "errors.tolerance=none", ""));
        return List.of(worker.toString(), connector.toString());
    }

    /**
     * Checks that the connector's collection holds exactly {@code n} documents, one per reading the raw sink stored
     * (by room and seq, from each document's own fields), and no other.
     */
    static void verify(MongoDatabase db, String connectorCollection, String rawCollection, long n) {
        Set<String> raw = new HashSet<>();
        // explicit batches: mongo-java-server otherwise answers the first request with every document, which the
        // driver refuses beyond 48 MB (2M readings: 141 MB)
        for (Document d : db.getCollection(rawCollection).find().projection(Projections.include("roomId", "seq"))
                .batchSize(10_000)) {
            raw.add(d.getString("roomId") + ":" + ((Number) d.get("seq")).longValue());
        }
        Set<String> stored = new HashSet<>();
        long docs = 0;
        for (Document d : db.getCollection(connectorCollection).find()
                .projection(Projections.include("roomId", "seq")).batchSize(10_000)) {
            docs++;
            stored.add(d.getString("roomId") + ":" + ((Number) d.get("seq")).longValue());
        }
        long unknown = stored.stream().filter(id -> !raw.contains(id)).count();
        System.out.printf("   connector: %,d documents, %,d distinct readings, %,d not in the raw sink's (%,d)%n", docs,
                stored.size(), unknown, raw.size());
        if (docs != n || stored.size() != n || raw.size() != n || unknown > 0) {
            throw new IllegalStateException("the connector stored " + docs + " documents (" + stored.size()
                    + " distinct readings, " + unknown + " unknown to the raw sink, which has " + raw.size()
                    + "), expected exactly the " + n + " readings");
        }
    }
}
