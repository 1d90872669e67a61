package io.sensorpipe.sink.bench;

import com.mongodb.client.MongoCollection;
import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.sink.write.Documents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.bson.Document;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** The tutorial approach the benchmark compares against: one consumer, auto-commit, one insertOne per message. */
final class TutorialSink {
    private TutorialSink() {
    }

    /** Drains up to {@code max} readings or until the budget is spent; adds its table row and returns docs/s. */
    static double drain(String bootstrap, MongoCollection<Document> target, int max, Duration budget,
                        List<String> table) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-tutorial-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        long stored = 0;
        long start = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Names.TOPIC_READINGS));
            long deadline = Long.MAX_VALUE;
            while (stored < max && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (start == 0) {
                        start = System.nanoTime();
                        deadline = start + budget.toNanos();
                    }
                    Decoded<Reading> d = Codec.decodeReading(r.value());
                    if (d.isOk()) {
                        target.insertOne(Documents.reading(d.value(),
                                new Documents.Source(r.topic(), r.partition(), r.offset()), System.currentTimeMillis()));
                        stored++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = stored / seconds;
        table.add(String.format("%-36s %,10d %9.2f %,11.0f", "tutorial (insertOne per message)", stored, seconds, rate));
        return rate;
    }
}
