package io.sensorpipe.streaming.it;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Test helpers over a real broker: create topics, produce, read a whole topic in offset order per partition. */
public final class KafkaTopics {
    static {
        // load the codec and reference classes now: other engineers reinstall common into ~/.m2 during long runs,
        // and a class first loaded after its jar was rewritten fails with NoClassDefFoundError
        Reading r = new Reading("warm-up", 1, System.currentTimeMillis(), 20.0);
        DerivedRecord a = io.sensorpipe.common.analytics.ReferenceAnalytics
                .compute(List.of(r, r), Duration.ofSeconds(60), Duration.ofSeconds(300)).get(0);
        Codec.decodeReading(Codec.encode(r));
        Codec.decodeReading(new byte[] {'x'});
        Codec.decodeDerived(Codec.encode(a));
        io.sensorpipe.common.DeadLetter.fromJson(io.sensorpipe.common.DeadLetter.of("warm-up", "test", "t", 0, 0,
                null, new byte[] {'x'}, 0).toJson());
    }

    private final String bootstrap;

    /** Helpers for the broker at {@code bootstrap}. */
    public KafkaTopics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Creates topics with the given partitions. */
    public void create(int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get();
            // a producer racing the new partitions' leader election can end in a retry loop: wait for leaders
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!haveLeaders(admin, topics)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no leaders for " + Arrays.toString(topics));
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean haveLeaders(Admin admin, String... topics) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topics)).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (java.util.concurrent.ExecutionException e) {
            return false;   // metadata of a just-created topic not there yet
        }
    }

    /** An idempotent acks=all producer. */
    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", "true",
                "linger.ms", "5", "max.in.flight.requests.per.connection", "1"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends key/value pairs to the topic, in order, and waits for every acknowledgement. */
    public void produce(String topic, List<byte[][]> keyValues) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (byte[][] kv : keyValues) {
                acks.add(p.send(new ProducerRecord<>(topic, kv[0], kv[1])));
            }
            p.flush();
            for (var a : acks) {
                a.get();
            }
        }
    }

    /** Every record of the topic now, partition by partition, in offset order. */
    public Map<Integer, List<ConsumerRecord<byte[], byte[]>>> readAll(String topic) {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> out = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "max.poll.records", "10000"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).sorted((a, b) -> a.partition() - b.partition())
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            tps.forEach(tp -> out.put(tp.partition(), new ArrayList<>()));
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    out.get(r.partition()).add(r);
                }
            }
        }
        return out;
    }

    /** Total records in the topic now. */
    public long count(String topic) {
        return readAll(topic).values().stream().mapToLong(List::size).sum();
    }

    /** The valid readings of a topic, each partition in arrival order, partitions concatenated. */
    public List<Reading> readingsInArrivalOrder(String topic) {
        List<Reading> out = new ArrayList<>();
        readAll(topic).values().forEach(part -> part.forEach(r -> {
            Decoded<Reading> d = Codec.decodeReading(r.value());
            if (d.isOk()) {
                out.add(d.value());
            }
        }));
        return out;
    }

    /** The derived records of a topic collapsed on (roomId, seq); fails if two copies differ in any byte. */
    public Map<String, DerivedRecord> derivedById(String topic) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        Map<String, DerivedRecord> out = new LinkedHashMap<>();
        readAll(topic).values().forEach(part -> part.forEach(r -> {
            DerivedRecord a = Codec.decodeDerived(r.value()).value();
            byte[] before = bytes.putIfAbsent(a.id(), r.value());
            if (before != null && !Arrays.equals(before, r.value())) {
                throw new AssertionError("two different records for " + a.id());
            }
            out.putIfAbsent(a.id(), a);
        }));
        return out;
    }

    /** Ids "roomId:seq" of records, for messages. */
    public static Set<String> ids(List<DerivedRecord> records) {
        return records.stream().map(DerivedRecord::id).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
