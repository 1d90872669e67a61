package io.sensorpipe.bench;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.sink.Sink;
import io.sensorpipe.sink.SinkConfig;
import io.sensorpipe.sink.SinkKind;
import io.sensorpipe.testsupport.TcpProxy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The raw sink with the database far away: a {@link TcpProxy} in front of the stack's server adds 2 ms or 10 ms to
 * every round trip (a delay line, bandwidth not capped), and the sink runs with one bulk write in flight and with the
 * default number; plus the same pair straight to the server (no proxy), where more in flight must not be slower.
 * Each sink runs in this JVM with a fresh consumer group over the readings already on the topic and is stopped once it
 * has handled the run's count; docs/s from its first batch to that moment. After an unmeasured warm-up run (the
 * first runs in this JVM were seen at half the speed of later ones), repetitions interleave every combination, the
 * order of the two settings alternating; the rows give the medians and their ratio.
 */
final class SinkLatencyStage {
    private SinkLatencyStage() {
    }

    /** Runs the combinations {@code repetitions} times over {@code docs} readings each and adds the rows. */
    static void run(BenchContext ctx, long docs, int repetitions, List<Integer> addedMillis) throws Exception {
        fillTopic(ctx, docs);
        if (repetitions > 1) {
            once(ctx, docs, 0, SinkConfig.DEFAULT_WRITES_IN_FLIGHT, -1);   // warm-up, not measured: this JVM runs the sink
        }
        List<Integer> settings = List.of(1, SinkConfig.DEFAULT_WRITES_IN_FLIGHT);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            for (int millis : addedMillis) {
                for (int i = 0; i < settings.size(); i++) {
                    int inFlight = settings.get(rep % 2 == 0 ? i : settings.size() - 1 - i);
                    double rate = once(ctx, docs, millis, inFlight, rep);
                    System.out.printf("   +%d ms, %d in flight: %,.0f docs/s%n", millis, inFlight, rate);
                    rates.computeIfAbsent(millis + "/" + inFlight, k -> new ArrayList<>()).add(rate);
                }
            }
        }
        for (int millis : addedMillis) {
            double one = 0;
            for (int inFlight : settings) {
                List<Double> runs = rates.get(millis + "/" + inFlight);
                double median = SinkStages.median(runs);
                BenchRow row = BenchRow.of("sink latency", "sink raw, " + label(millis) + ", " + inFlight
                        + (inFlight == 1 ? " write" : " writes") + " in flight", median, "docs/s")
                        .with("documents", docs).with("repetitions", runs.size());
                for (int r = 0; r < runs.size(); r++) {
                    row.with("run" + (r + 1), Math.round(runs.get(r)));
                }
                ctx.report.add(row);
                if (inFlight == 1) {
                    one = median;
                } else {
                    ctx.report.add(BenchRow.of("ratio", "sink raw " + label(millis) + ", " + inFlight + " / 1 writes"
                            + " in flight", median / one, "x"));
                }
            }
        }
    }

    private static String label(int millis) {
        return millis == 0 ? "no proxy" : "+" + millis + " ms per round trip";
    }

    /** One sink run: docs/s from its first batch until it handled {@code docs} readings. */
    private static double once(BenchContext ctx, long docs, int addedMillis, int inFlight, int rep) throws Exception {
        ctx.db.getCollection(Names.COLL_READINGS).deleteMany(new Document());
        TcpProxy proxy = addedMillis == 0 ? null : TcpProxy.start("127.0.0.1", mongoPort(ctx));
        try {
            String uri = ctx.stack.mongoUri();
            if (proxy != null) {
                proxy.roundTrip(Duration.ofMillis(addedMillis));
                uri = "mongodb://" + proxy.address();
            }
            Properties kafka = new Properties();
            kafka.put("bootstrap.servers", ctx.stack.bootstrapServers());
            SinkConfig config = SinkConfig.of(SinkKind.RAW, kafka, uri, Names.DATABASE)
                    .withGroup("bench-sink-latency-" + addedMillis + "-" + inFlight + "-" + rep + "-" + System.nanoTime())
                    .withWritesInFlight(inFlight).withProgressInterval(Duration.ofHours(1));
            try (Sink sink = Sink.start(config)) {
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (sink.counters().handled() < docs) {
                    if (sink.isStopped() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("sink handled " + sink.counters().handled() + " of " + docs
                                + (sink.failure() != null ? ": " + sink.failure().getMessage() : ""));
                    }
                    Thread.sleep(5);
                }
                long elapsed = System.nanoTime() - sink.counters().firstBatchNanos();
                return sink.counters().handled() / (elapsed / 1e9);
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    private static int mongoPort(BenchContext ctx) {
        String uri = ctx.stack.mongoUri();
        return Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
    }

    /** Tops the readings topic up to {@code docs} records (only when this stage runs alone on a fresh stack). */
    private static void fillTopic(BenchContext ctx, long docs) throws Exception {
        long missing = docs - Counts.endOffsets(ctx.admin, Names.TOPIC_READINGS);
        if (missing <= 0) {
            return;
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", ctx.stack.bootstrapServers());
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // rooms of their own (latency-room-001, ...): these readings never share an _id with another stage's
            for (Reading r : SinkStages.readings(ctx, (int) missing)) {
                String room = "latency-" + r.roomId();
                producer.send(new ProducerRecord<>(Names.TOPIC_READINGS, room.getBytes(StandardCharsets.UTF_8),
                        Codec.encode(new Reading(room, r.seq(), r.tsMillis(), r.temperature()))));
            }
        }
    }
}
