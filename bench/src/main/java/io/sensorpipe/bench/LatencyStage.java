package io.sensorpipe.bench;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.StoredFields;
import io.sensorpipe.common.config.DurationConverter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * End-to-end latency at fixed rates: from a reading's creation (its Kafka CreateTime, stamped by the simulator's
 * producer) to its derived record being stored in MongoDB (the derived sink's {@code ingestedAt}), with the whole
 * pipeline (job, both sinks, simulator) running on this machine.
 */
final class LatencyStage {
    private static final long WARM_UP_MILLIS = 3_000;

    private LatencyStage() {
    }

    /** One batch interval, several rates: the job and sinks run once, the simulator once per rate. */
    static void run(BenchContext ctx, Duration batchInterval, List<Integer> rates, Duration each) throws Exception {
        try (Component job = ctx.start("bench-latency-stream-" + DurationConverter.format(batchInterval), List.of("stream",
                "--batch-interval", DurationConverter.format(batchInterval), "--group", StreamGroups.LOCAL2));
             Component raw = ctx.start("bench-latency-sink-raw", List.of("sink", "raw", "--group", StreamGroups.SINK_RAW));
             Component derived = ctx.start("bench-latency-sink-derived",
                     List.of("sink", "derived", "--group", StreamGroups.SINK_DERIVED))) {
            warmUp(ctx, List.of(job, raw, derived));
            for (int rate : rates) {
                measure(ctx, batchInterval, rate, each, List.of(job, raw, derived));
            }
        }
    }

    /**
     * Sends a few readings and waits until their derived records are stored: the job has started, rebuilt its state
     * from alpha and finished its first batches, and both sinks have joined their groups, before anything is timed.
     */
    private static void warmUp(BenchContext ctx, List<Component> running) throws Exception {
        long before = Counts.documents(ctx.db, Names.COLL_ANALYTICS);
        long count = ctx.rooms * 10L;
        try (Component sim = ctx.start("bench-latency-warmup", List.of("simulate", "--rooms",
                Integer.toString(ctx.rooms), "--rate", "200", "--count", Long.toString(count)))) {
            sim.awaitExit(600);
        }
        StreamStage.waitFor(() -> {
            running.forEach(Component::requireAlive);
            return Counts.documents(ctx.db, Names.COLL_ANALYTICS) >= before + count;
        }, 600_000);
    }

    private static void measure(BenchContext ctx, Duration batchInterval, int rate, Duration each,
                                List<Component> running) throws Exception {
        Map<TopicPartition, Long> from = endOffsetsByPartition(ctx, Names.TOPIC_READINGS);
        long storedBefore = Counts.documents(ctx.db, Names.COLL_ANALYTICS);
        long t0 = System.currentTimeMillis();
        long produced;
        try (Component sim = ctx.start("bench-latency-simulate-" + rate, List.of("simulate", "--rooms",
                // event time = wall clock
                Integer.toString(ctx.rooms), "--rate", Integer.toString(rate), "--duration", each.toSeconds() + "s"))) {
            sim.awaitExit(each.toSeconds() + 300);
            produced = Counts.endOffsets(ctx.admin, Names.TOPIC_READINGS)
                    - from.values().stream().mapToLong(Long::longValue).sum();
        }
        for (Component c : running) {
            c.requireAlive();
        }
        StreamStage.waitFor(() -> Counts.documents(ctx.db, Names.COLL_ANALYTICS) >= storedBefore + produced, 300_000);
        Map<String, Long> created = createTimes(ctx, from);
        List<Long> latencies = new ArrayList<>();
        for (Document d : ctx.db.getCollection(Names.COLL_ANALYTICS)
                .find(Filters.gte(StoredFields.INGESTED_AT, new Date(t0)))
                .projection(Projections.include(StoredFields.ID, StoredFields.INGESTED_AT))) {
            Long c = created.get(d.getString(StoredFields.ID));
            if (c != null && c >= t0 + WARM_UP_MILLIS) {
                latencies.add(d.getDate(StoredFields.INGESTED_AT).getTime() - c);
            }
        }
        Percentiles p = new Percentiles(latencies);
        ctx.report.add(BenchRow.of("end-to-end", "latency at " + rate + " readings/s, batch " + DurationConverter.format(batchInterval),
                p.p(99), "ms p99").with("p50_ms", p.p(50)).with("p95_ms", p.p(95)).with("p99_ms", p.p(99))
                .with("readings", latencies.size()).with("achieved_rate", produced / (double) each.toSeconds()));
    }

    private static Map<TopicPartition, Long> endOffsetsByPartition(BenchContext ctx, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(ctx)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            return new HashMap<>(c.endOffsets(parts));
        }
    }

    /** id -> CreateTime of every reading written since {@code from}. */
    private static Map<String, Long> createTimes(BenchContext ctx, Map<TopicPartition, Long> from) {
        Map<String, Long> created = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(ctx)) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            Map<TopicPartition, Long> end = c.endOffsets(from.keySet());
            while (from.keySet().stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    String json = new String(r.value(), StandardCharsets.UTF_8);
                    String id = new String(r.key(), StandardCharsets.UTF_8) + ":" + seqOf(json);
                    created.putIfAbsent(id, r.timestamp());
                }
            }
        }
        return created;
    }

    private static String seqOf(String json) {
        int i = json.indexOf("\"seq\":");
        if (i < 0) {
            return "?";
        }
        int j = i + 6;
        while (j < json.length() && Character.isDigit(json.charAt(j))) {
            j++;
        }
        return json.substring(i + 6, j);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(BenchContext ctx) {
        Properties p = new Properties();
        p.put("bootstrap.servers", ctx.stack.bootstrapServers());
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return new KafkaConsumer<>(p);
    }
}
