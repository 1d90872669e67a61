package io.sensorpipe.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.sink.write.Documents;
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
    private static final int CEILING_DOCS = 300_000;

    private SinkStages() {
    }

    /**
     * A sink draining its whole topic into an empty collection, next to three runs of the driver's own ceiling with
     * documents of the same shape (the sink's own document builder) on the same server, two before the sink and one
     * after: the ceiling row is their median (the embedded server's rate was seen to swing by a third from one run
     * of 300,000 documents to the next, with its garbage collection).
     */
    static double sinkAndCeiling(BenchContext ctx, String kind, String collection, long expected) throws Exception {
        int n = (int) Math.min(CEILING_DOCS, ctx.readings);
        List<Document> docs = kind.equals("raw") ? readingDocuments(ctx, n) : analyticsDocuments(ctx, n);
        double[] runs = new double[3];
        runs[0] = driverCeiling(ctx, docs);
        runs[1] = driverCeiling(ctx, docs);
        double rate = sink(ctx, kind, collection, expected);
        runs[2] = driverCeiling(ctx, docs);
        double[] sorted = runs.clone();
        java.util.Arrays.sort(sorted);
        double ceiling = sorted[1];
        System.out.printf("   %s: ceiling runs %,.0f %,.0f | sink %,.0f | %,.0f docs/s%n", kind, runs[0], runs[1], rate,
                runs[2]);
        ctx.report.add(BenchRow.of("sink", "driver insertMany ceiling, " + kind + " docs (1,000/call)", ceiling,
                "docs/s").with("documents", docs.size()).with("run1", Math.round(runs[0]))
                .with("run2", Math.round(runs[1])).with("run3_after_sink", Math.round(runs[2])));
        ctx.report.add(BenchRow.of("ratio", "sink " + kind + " / driver ceiling", rate / ceiling, "x"));
        return rate;
    }

    /**
     * Brings the server's insert path and this JVM's encoding of both document shapes up to speed before anything is
     * measured (a first, cold run of either shape was seen at half the speed of the next).
     */
    static void warmUp(BenchContext ctx) {
        int n = (int) Math.min(CEILING_DOCS, ctx.readings);
        driverCeiling(ctx, readingDocuments(ctx, n));
        driverCeiling(ctx, analyticsDocuments(ctx, n));
    }

    private static double sink(BenchContext ctx, String kind, String collection, long expected) throws Exception {
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

    /**
     * What the metrics endpoint costs (issue 14's target: within 5 %): the raw sink over the same readings, three
     * rounds of one run with {@code --metrics-port} (scraped every second, as Prometheus would more slowly) and one
     * without, the order alternating; median docs/s of each and their ratio.
     */
    static void metricsCost(BenchContext ctx) throws Exception {
        metricsCostRow(ctx, "sink raw", "docs_s", (metrics, round) -> rawSinkRun(ctx, metrics, round));
    }

    /** One run of a component with its metrics endpoint on or off; its rate. */
    interface MetricsRun {
        double rate(boolean metrics, int round) throws Exception;
    }

    /**
     * Three rounds of one run with the metrics endpoint and one without, the order alternating; the row of the
     * ratio of the medians, with both medians ({@code on_<unit>}, {@code off_<unit>}).
     */
    static void metricsCostRow(BenchContext ctx, String what, String unit, MetricsRun run) throws Exception {
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (boolean metrics : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                (metrics ? on : off).add(run.rate(metrics, round));
            }
        }
        double medianOn = median(on);
        double medianOff = median(off);
        System.out.printf("   %s metrics on %s | off %s %s%n", what, on, off, unit);
        ctx.report.add(BenchRow.of("metrics cost", what + ", --metrics-port on / off (median of 3 each)",
                medianOn / medianOff, "x").with("on_" + unit, Math.round(medianOn)).with("off_" + unit,
                Math.round(medianOff)));
    }

    private static double rawSinkRun(BenchContext ctx, boolean metrics, int round) throws Exception {
        ctx.db.getCollection(Names.COLL_READINGS).deleteMany(new Document());
        int port = metrics ? freePort() : 0;
        String name = "bench-metrics-" + (metrics ? "on-" : "off-") + round;
        try (Component sink = ctx.start(name, List.of("sink", "raw", "--group", name + "-" + System.nanoTime(),
                "--metrics-port", Integer.toString(port)));
             Scraper scraper = metrics ? new Scraper(port) : null) {
            return Counts.rateBetween10And90(() -> Counts.documents(ctx.db, Names.COLL_READINGS), 0, ctx.readings,
                    1_800_000, sink);
        }
    }

    /** Reads /metrics once a second, as a scraper would, while a run lasts. */
    static final class Scraper implements AutoCloseable {
        private final Thread thread;

        Scraper(int port) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build();
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        http.send(get, java.net.http.HttpResponse.BodyHandlers.discarding());
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (java.io.IOException e) {
                        // not up yet, or gone: try again
                    }
                }
            }, "metrics-scraper");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The driver alone: insertMany of ready documents into a scratch collection, unordered, 1,000 per call. */
    private static double driverCeiling(BenchContext ctx, List<Document> docs) {
        MongoCollection<Document> coll = ctx.db.getCollection("bench_driver");
        coll.drop();
        long t0 = System.nanoTime();
        InsertManyOptions unordered = new InsertManyOptions().ordered(false);
        for (int from = 0; from < docs.size(); from += DRIVER_BATCH) {
            coll.insertMany(docs.subList(from, Math.min(docs.size(), from + DRIVER_BATCH)), unordered);
        }
        double rate = docs.size() / ((System.nanoTime() - t0) / 1e9);
        coll.drop();
        return rate;
    }

    /** {@code n} readings of {@code ctx.rooms} rooms like the simulator's, one second apart per room, ending now. */
    static List<Reading> readings(BenchContext ctx, int n) {
        List<Reading> list = new ArrayList<>(n);
        long base = System.currentTimeMillis() - (n / ctx.rooms + 60L) * 1000;
        for (int i = 0; i < n; i++) {
            long seq = i / ctx.rooms + 1;
            list.add(new Reading(String.format("room-%03d", i % ctx.rooms + 1), seq, base + seq * 1000,
                    Math.round((20 + Math.sin(seq / 30.0 + i % ctx.rooms) * 2) * 100) / 100.0));
        }
        return list;
    }

    /** What the raw sink writes for readings like the simulator's. */
    private static List<Document> readingDocuments(BenchContext ctx, int n) {
        long now = System.currentTimeMillis();
        List<Reading> readings = readings(ctx, n);
        List<Document> docs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            docs.add(Documents.reading(readings.get(i), new Documents.Source(Names.TOPIC_READINGS, i % 6, i), now));
        }
        return docs;
    }

    /** What the derived sink writes for the analytics of those readings. */
    private static List<Document> analyticsDocuments(BenchContext ctx, int n) {
        long now = System.currentTimeMillis();
        List<Document> docs = new ArrayList<>(n);
        for (DerivedRecord a : ReferenceAnalytics.compute(readings(ctx, n), Duration.ofSeconds(60),
                Duration.ofSeconds(300))) {
            docs.add(Documents.analytics(a, now));
        }
        return docs;
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
