package io.sensorpipe.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Storing in MongoDB: each sink draining the pre-filled topics, the driver's own insertMany ceiling on the same
 * server, and the approach the tutorials teach (one consumer, one insertOne per message).
 */
final class SinkStages {
    private static final int DRIVER_BATCH = 1_000;

    private SinkStages() {
    }

    /** {@code sink raw|derived} draining its whole topic into an empty collection. */
    static double sink(BenchContext ctx, String kind, String collection, long expected) throws Exception {
        ctx.db.getCollection(collection).deleteMany(new Document());
        try (Component sink = ctx.start("bench-sink-" + kind, List.of("sink", kind,
                "--group", kind.equals("raw") ? StreamGroups.SINK_RAW : StreamGroups.SINK_DERIVED))) {
            double rate = Counts.rateBetween10And90(() -> Counts.documents(ctx.db, collection), 0, expected,
                    1_800_000, sink);
            StreamStage.waitFor(() -> Counts.documents(ctx.db, collection) >= expected, 600_000);
            ctx.report.add(BenchRow.of("sink", "sink " + kind + " (" + Names.DATABASE + "." + collection + ")", rate,
                    "docs/s").with("documents", Counts.documents(ctx.db, collection)).with(sink.stats()));
            return rate;
        }
    }

    /** The driver alone: insertMany of ready documents, unordered, 1,000 per call. */
    static double driverCeiling(BenchContext ctx, long n) {
        MongoCollection<Document> coll = ctx.db.getCollection("bench_driver");
        coll.drop();
        List<Document> docs = new ArrayList<>();
        long base = System.currentTimeMillis();
        for (long i = 0; i < n; i++) {
            String room = String.format("room-%03d", i % ctx.rooms + 1);
            docs.add(new Document("_id", Names.documentId(room, i)).append("roomId", room).append("seq", i)
                    .append("ts", new Date(base + i)).append("temperature", 21.5)
                    .append("ingestedAt", new Date(base)).append("src",
                            new Document("topic", "readings").append("partition", 0).append("offset", i)));
        }
        ProcStats before = ProcStats.self();
        long t0 = System.nanoTime();
        InsertManyOptions unordered = new InsertManyOptions().ordered(false);
        for (int from = 0; from < docs.size(); from += DRIVER_BATCH) {
            coll.insertMany(docs.subList(from, Math.min(docs.size(), from + DRIVER_BATCH)), unordered);
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        ctx.report.add(BenchRow.of("sink", "driver insertMany ceiling (unordered, 1,000/batch)", rate, "docs/s")
                .with("documents", n).with("cpu_s", ProcStats.self().since(before).cpuSeconds()));
        coll.drop();
        return rate;
    }

    /** The tutorial approach: one consumer, decode, one insertOne per message, for a fixed time budget. */
    static double tutorial(BenchContext ctx, long max, Duration budget) {
        MongoCollection<Document> coll = ctx.db.getCollection("bench_tutorial");
        coll.drop();
        Properties p = new Properties();
        p.put("bootstrap.servers", ctx.stack.bootstrapServers());
        p.put("group.id", "bench-tutorial-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        long stored = 0;
        long t0 = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Names.TOPIC_READINGS));
            long deadline = System.nanoTime() + budget.toNanos() * 3;
            while (stored < max && System.nanoTime() < deadline
                    && (t0 == 0 || System.nanoTime() - t0 < budget.toNanos())) {
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                    if (t0 == 0) {
                        t0 = System.nanoTime();
                    }
                    Decoded<Reading> d = Codec.decodeReading(rec.value());
                    if (d.isOk()) {
                        Reading r = d.value();
                        coll.insertOne(new Document("_id", r.id()).append("roomId", r.roomId()).append("seq", r.seq())
                                .append("ts", new Date(r.tsMillis())).append("temperature", r.temperature()));
                        stored++;
                    }
                }
            }
        }
        double rate = stored / ((System.nanoTime() - t0) / 1e9);
        ctx.report.add(BenchRow.of("sink", "tutorial: one consumer, insertOne per message", rate, "docs/s")
                .with("documents", stored));
        coll.drop();
        return rate;
    }
}
