package io.sensorpipe.bench;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RecordVerdict;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The Kafka Streams peer of the streaming job (issue 13): reads {@code readings}, judges and derives every reading with
 * the job's own analytics ({@link PartitionAnalytics}, one per room), writes the derived records to its output topic.
 * A room's state lives in a persistent Kafka Streams key-value store (RocksDB, changelog topic); the processor keeps
 * the rooms it works on in memory and writes the changed ones to the store at each commit-interval punctuation, so
 * a reading costs one judgement, not a serialisation of the room's window.
 *
 * <p>Usage: {@code StreamsPeer <input topic> <output topic> <application id> <state dir>}, bootstrap servers from
 * {@code KAFKA_BOOTSTRAP_SERVERS}. Runs until SIGTERM.
 */
public final class StreamsPeer {
    static final String STORE = "room-state";

    private StreamsPeer() {
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: StreamsPeer <input topic> <output topic> <application id> <state dir>");
            System.exit(2);
        }
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        KafkaStreams streams = new KafkaStreams(topology(args[0], args[1], AnalyticsSettings.DEFAULTS),
                config(bootstrap, args[2], args[3]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(20));
            stopped.countDown();
        }));
        streams.start();
        System.out.println("READY streams-peer " + bootstrap);
        stopped.await();
    }

    /** Settings close to the job's: committed input only, commits every second, one thread (a 2-core machine). */
    static Properties config(String bootstrap, String applicationId, String stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.consumerPrefix("isolation.level"), "read_committed");
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.consumerPrefix("max.poll.records"), 5000);
        // like the job's alpha producer: acks=all, idempotent, lz4, small linger for batches
        p.put(StreamsConfig.producerPrefix("acks"), "all");
        p.put(StreamsConfig.producerPrefix("enable.idempotence"), true);
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        p.put(StreamsConfig.producerPrefix("batch.size"), 262_144);
        return p;
    }

    /** The topology: readings in, the job's analytics per room, derived records out (the test drives this one). */
    static Topology topology(String input, String output, AnalyticsSettings settings) {
        Topology t = new Topology();
        t.addSource("readings", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), input);
        t.addProcessor("analytics", () -> new RoomProcessor(settings), "readings");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()), "analytics");
        t.addSink("derived", output, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "analytics");
        return t;
    }

    /** Judges each reading with its room's state; bad records and other verdicts than "accepted" give no output. */
    static final class RoomProcessor implements Processor<byte[], byte[], byte[], byte[]> {
        private final AnalyticsSettings settings;
        private final Map<String, PartitionAnalytics> rooms = new HashMap<>();
        private final Set<String> changed = new HashSet<>();
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<String, byte[]> store;

        RoomProcessor(AnalyticsSettings settings) {
            this.settings = settings;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> ctx) {
            this.context = ctx;
            this.store = ctx.getStateStore(STORE);
            // the job's state is bounded per room; here it reaches the store once per commit interval
            ctx.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> flush());
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            // one verdict per record: the same check as every component (key = roomId, Kafka timestamp)
            Decoded<Reading> d = RecordVerdict.reading(record.key(), record.value(), record.timestamp());
            if (!d.isOk()) {
                return;
            }
            Reading r = d.value();
            PartitionAnalytics room = rooms.computeIfAbsent(r.roomId(), this::load);
            DerivedRecord derived = room.process(r);
            changed.add(r.roomId());
            if (derived != null) {
                context.forward(new Record<>(r.roomId().getBytes(StandardCharsets.UTF_8), Codec.encode(derived),
                        record.timestamp()));
            }
        }

        private PartitionAnalytics load(String roomId) {
            byte[] bytes = store.get(roomId);
            if (bytes == null) {
                return new PartitionAnalytics(settings);
            }
            try {
                return PartitionAnalytics.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), settings);
            } catch (IOException e) {
                throw new UncheckedIOException("room " + roomId + ": unreadable state", e);
            }
        }

        private void flush() {
            for (String id : changed) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    rooms.get(id).writeTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                store.put(id, bytes.toByteArray());
            }
            changed.clear();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
