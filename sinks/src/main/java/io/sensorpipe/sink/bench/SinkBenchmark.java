package io.sensorpipe.sink.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RoomAnalytics;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.sink.Sink;
import io.sensorpipe.sink.SinkConfig;
import io.sensorpipe.sink.SinkKind;
import io.sensorpipe.sink.write.Documents;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Benchmark (a main, not a test): on one embedded stack, each sink's documents/s draining N pre-filled records, next
 * to the driver's own ceiling on the same server in the same run (insertMany of ready documents, unordered, 1,000 per
 * batch) and to the tutorial approach (one consumer, one insertOne per message). Usage: {@code SinkBenchmark [N]}.
 */
public final class SinkBenchmark {
    private static final int DRIVER_BATCH = 1_000;
    private static final Duration TUTORIAL_BUDGET = Duration.ofSeconds(30);

    private final EmbeddedStack stack;
    private final MongoDatabase db;
    private final List<String> table = new ArrayList<>();

    private SinkBenchmark(EmbeddedStack stack, MongoClient mongo) {
        this.stack = stack;
        this.db = mongo.getDatabase(Names.DATABASE);
    }

    /** Runs the benchmark and prints the table. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 100_000;
        Path dir = Files.createTempDirectory("sink-bench");
        try (EmbeddedStack stack = EmbeddedStack.start(StackConfig.builder().dataDir(dir).build());
             MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            new SinkBenchmark(stack, mongo).run(n);
        }
    }

    private void run(int n) throws Exception {
        List<Reading> readings = readings(n);
        List<RoomAnalytics> derived = ReferenceAnalytics.compute(readings, Duration.ofSeconds(60), Duration.ofSeconds(300));
        prefill(readings, derived);
        warmUp(readings);

        double driverRaw = driver("driver insertMany (readings)", Names.COLL_READINGS, readingDocs(readings));
        clear(Names.COLL_READINGS);
        double sinkRaw = sink("sink raw", SinkKind.RAW, n);
        double driverDerived = driver("driver insertMany (room_analytics)", Names.COLL_ANALYTICS, analyticsDocs(derived));
        clear(Names.COLL_ANALYTICS);
        double sinkDerived = sink("sink derived", SinkKind.DERIVED, derived.size());
        clear(Names.COLL_READINGS);
        double tutorial = TutorialSink.drain(stack.bootstrapServers(), db.getCollection(Names.COLL_READINGS), n,
                TUTORIAL_BUDGET, table);

        System.out.println();
        System.out.printf("sink benchmark: %,d readings, %,d derived records, %d partitions, embedded stack%n",
                n, derived.size(), stack.config().partitions());
        System.out.printf("%-36s %10s %9s %11s%n", "what", "documents", "seconds", "docs/s");
        table.forEach(System.out::println);
        System.out.printf("sink raw / driver:     %.2f%n", sinkRaw / driverRaw);
        System.out.printf("sink derived / driver: %.2f%n", sinkDerived / driverDerived);
        System.out.printf("sink raw / tutorial:   %.1fx%n", sinkRaw / tutorial);
    }

    private static List<Reading> readings(int n) {
        int rooms = 20;
        long base = System.currentTimeMillis() - (n / rooms + 120L) * 1000;
        List<Reading> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int room = i % rooms;
            long seq = i / rooms + 1;
            list.add(new Reading(String.format("room-%03d", room), seq, base + seq * 1000,
                    20 + Math.sin(seq / 30.0 + room) * 2 + (i % 7) / 10.0));
        }
        return list;
    }

    private void prefill(List<Reading> readings, List<RoomAnalytics> derived) {
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (Reading r : readings) {
                producer.send(new ProducerRecord<>(Names.TOPIC_READINGS, key(r.roomId()), Codec.encode(r)));
            }
            for (RoomAnalytics a : derived) {
                producer.send(new ProducerRecord<>(Names.TOPIC_ALPHA, key(a.roomId()), Codec.encode(a)));
            }
            producer.flush();
        }
        System.out.printf("pre-filled readings and alpha in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Brings the server's and this JVM's code paths up to speed on a scratch collection. */
    private void warmUp(List<Reading> readings) {
        MongoCollection<Document> scratch = db.getCollection("bench_warmup");
        List<Document> docs = readingDocs(readings.subList(0, Math.min(20_000, readings.size())));
        insertMany(scratch, docs);
        scratch.drop();
    }

    private double driver(String what, String collection, List<Document> docs) {
        long t0 = System.nanoTime();
        insertMany(db.getCollection(collection), docs);
        return row(what, docs.size(), System.nanoTime() - t0);
    }

    private static void insertMany(MongoCollection<Document> coll, List<Document> docs) {
        InsertManyOptions unordered = new InsertManyOptions().ordered(false);
        for (int from = 0; from < docs.size(); from += DRIVER_BATCH) {
            coll.insertMany(docs.subList(from, Math.min(docs.size(), from + DRIVER_BATCH)), unordered);
        }
    }

    private double sink(String what, SinkKind kind, long expected) throws Exception {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", stack.bootstrapServers());
        SinkConfig config = SinkConfig.of(kind, kafka, stack.mongoUri(), Names.DATABASE)
                .withGroup("bench-" + kind.stage() + "-" + System.nanoTime());
        try (Sink sink = Sink.start(config)) {
            while (sink.counters().handled() < expected) {
                if (sink.isStopped()) {
                    throw new IllegalStateException(what + " stopped: " + sink.failure());
                }
                Thread.sleep(2);
            }
            long elapsed = System.nanoTime() - sink.counters().firstBatchNanos();
            return row(what, sink.counters().inserted(), elapsed);
        }
    }

    private void clear(String collection) {
        db.getCollection(collection).deleteMany(new Document());
    }

    private double row(String what, long docs, long nanos) {
        double seconds = nanos / 1e9;
        double rate = docs / seconds;
        table.add(String.format("%-36s %,10d %9.2f %,11.0f", what, docs, seconds, rate));
        return rate;
    }

    private static List<Document> readingDocs(List<Reading> readings) {
        List<Document> docs = new ArrayList<>(readings.size());
        long now = System.currentTimeMillis();
        for (int i = 0; i < readings.size(); i++) {
            docs.add(Documents.reading(readings.get(i), new Documents.Source(Names.TOPIC_READINGS, i % 6, i), now));
        }
        return docs;
    }

    private static List<Document> analyticsDocs(List<RoomAnalytics> derived) {
        List<Document> docs = new ArrayList<>(derived.size());
        long now = System.currentTimeMillis();
        for (RoomAnalytics a : derived) {
            docs.add(Documents.analytics(a, now));
        }
        return docs;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("acks", "all");
        p.put("linger.ms", "10");
        p.put("batch.size", "524288");
        p.put("compression.type", "lz4");
        p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        return p;
    }

    private static byte[] key(String roomId) {
        return roomId.getBytes(StandardCharsets.UTF_8);
    }
}
