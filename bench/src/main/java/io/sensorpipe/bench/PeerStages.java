package io.sensorpipe.bench;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The peers (issue 13): well-known tools doing a project component's work on the same broker and server, run in
 * interleaved repetitions next to that component, so the table shows ratios. Here: a Kafka Streams application
 * ({@link StreamsPeer}, the job's own analytics) next to the streaming job over the same {@code readings} backlog.
 */
final class PeerStages {
    private PeerStages() {
    }

    /** One run of a component from launch until its output holds every reading, with its process figures. */
    private record Run(String where, Counts.Progress progress, ProcStats stats) {
    }

    /**
     * The job ({@code local[2]}, batch 1 s) and the Kafka Streams peer, each draining the whole backlog into a fresh
     * output topic, {@code reps} times, interleaved (peer, job, peer, job, ...); the rows carry the medians, the
     * ratios job / Kafka Streams. The peer's first run is checked against the job's first: the same N records.
     */
    static void streamsVsJob(BenchContext ctx, int reps) throws Exception {
        List<Run> peer = new ArrayList<>();
        List<Run> job = new ArrayList<>();
        interleave(reps, i -> peer.add(streamsRun(ctx, i)), i -> job.add(jobRun(ctx, i)));
        long mismatching = compare(ctx, job.get(0).where(), peer.get(0).where());
        String what = ": launch -> N derived records";
        addRows(ctx, "streaming job", "stream --master local[2], batch 1s, next to Kafka Streams" + what, "readings/s",
                job).with("mismatching_vs_job", 0);
        addRows(ctx, "peer", "Kafka Streams 3.9, the job's analytics, RocksDB store" + what, "readings/s", peer)
                .with("mismatching_vs_job", mismatching);
        ratio(ctx, "job / Kafka Streams", job, peer);
    }

    /**
     * The raw sink and MongoDB's own Kafka sink connector on Kafka Connect standalone, each storing the whole
     * {@code readings} topic into an empty collection, {@code reps} times, interleaved (connector, sink, ...); the
     * connector's last collection is checked against the raw sink's: exactly the N distinct readings.
     */
    static void connectorVsRawSink(BenchContext ctx, int reps) throws Exception {
        List<Run> peer = new ArrayList<>();
        List<Run> sink = new ArrayList<>();
        interleave(reps, i -> peer.add(connectorRun(ctx, i)), i -> sink.add(rawSinkRun(ctx, i)));
        ConnectorPeer.verify(ctx.db, ConnectorPeer.COLLECTION, Names.COLL_READINGS, ctx.readings);
        String what = ": launch -> N documents stored";
        addRows(ctx, "sink", "sink raw, next to the connector" + what, "docs/s", sink);
        addRows(ctx, "peer", "MongoDB Kafka sink connector 2.0.1, Connect standalone" + what, "docs/s", peer);
        ratio(ctx, "sink raw / connector", sink, peer);
    }

    /** One numbered repetition of one side. */
    private interface Repetition {
        void run(int round) throws Exception;
    }

    /** Peer, project, peer, project, ...: neither side always runs on a fresher broker or server. */
    private static void interleave(int reps, Repetition peer, Repetition project) throws Exception {
        for (int i = 1; i <= reps; i++) {
            peer.run(i);
            project.run(i);
        }
    }

    /** Starts a component. */
    private interface Launch {
        Component start() throws Exception;
    }

    /** Launches a component and watches {@code count} grow from 0 to every reading; {@code where} names the output. */
    private static Run measure(BenchContext ctx, String where, java.util.function.LongSupplier count, Launch launch)
            throws Exception {
        long launched = System.nanoTime();
        try (Component c = launch.start()) {
            return new Run(where, Counts.watch(count, 0, ctx.readings, launched, 1_800_000, c), c.stats());
        }
    }

    private static Run connectorRun(BenchContext ctx, int round) throws Exception {
        String name = "bench-peer-connector-" + round;
        ctx.db.getCollection(ConnectorPeer.COLLECTION).drop();
        Path dir = java.nio.file.Files.createDirectories(ctx.logDir.getParent().resolve("peer-connect").resolve(name));
        List<String> files = ConnectorPeer.writeProperties(dir, ctx.home, ctx.stack.bootstrapServers(), ctx.stack.mongoUri(),
                name + "-" + System.nanoTime());
        return measure(ctx, ConnectorPeer.COLLECTION, () -> Counts.documents(ctx.db, ConnectorPeer.COLLECTION),
                () -> ctx.startMain(name, ConnectorPeer.MAIN, files));
    }

    private static Run rawSinkRun(BenchContext ctx, int round) throws Exception {
        String name = "bench-peer-sink-raw-" + round;
        ctx.db.getCollection(Names.COLL_READINGS).deleteMany(new org.bson.Document());
        return measure(ctx, Names.COLL_READINGS, () -> Counts.documents(ctx.db, Names.COLL_READINGS),
                () -> ctx.start(name, List.of("sink", "raw", "--group", name + "-" + System.nanoTime())));
    }

    private static Run streamsRun(BenchContext ctx, int round) throws Exception {
        String name = "bench-peer-streams-" + round;
        String topic = name + "-" + System.nanoTime();
        ctx.createTopic(topic);
        Path state = ctx.logDir.getParent().resolve("peer-state").resolve(topic);
        return measure(ctx, topic, () -> Counts.endOffsets(ctx.admin, topic), () -> ctx.startMain(name,
                StreamsPeer.class.getName(), List.of(Names.TOPIC_READINGS, topic, topic, state.toString())));
    }

    private static Run jobRun(BenchContext ctx, int round) throws Exception {
        String name = "bench-peer-job-" + round;
        String topic = name + "-" + System.nanoTime();
        ctx.createTopic(topic);
        return measure(ctx, topic, () -> Counts.endOffsets(ctx.admin, topic), () -> StreamStage.startJob(ctx, name, 2,
                Duration.ofSeconds(1), topic, topic, ctx.smoke ? "0" : "60000"));
    }

    /** The row of the median launch-to-done run, with every run's figures and the medians of each. */
    private static BenchRow addRows(BenchContext ctx, String stage, String variant, String unit, List<Run> runs) {
        Run mid = median(runs, r -> r.progress().doneSeconds());
        BenchRow row = BenchRow.of(stage, variant, mid.progress().launchToDoneRate(ctx.readings), unit)
                .with("runs", runs.size())
                .with("readings", ctx.readings)
                .with("steady_10_90_per_s", median(runs, r -> r.progress().steadyRate()).progress().steadyRate())
                .with("first_output_s", median(runs, r -> r.progress().firstSeconds()).progress().firstSeconds())
                .with("done_s", mid.progress().doneSeconds());
        for (int i = 0; i < runs.size(); i++) {
            row.with("run" + (i + 1) + "_done_s", runs.get(i).progress().doneSeconds());
        }
        ctx.report.add(row.with(mid.stats()));
        return row;
    }

    /** Ratios project / peer of the medians: launch to done (rates) and steady. */
    static void ratio(BenchContext ctx, String name, List<Run> project, List<Run> peer) {
        double projectDone = median(project, r -> r.progress().doneSeconds()).progress().doneSeconds();
        double peerDone = median(peer, r -> r.progress().doneSeconds()).progress().doneSeconds();
        double projectSteady = median(project, r -> r.progress().steadyRate()).progress().steadyRate();
        double peerSteady = median(peer, r -> r.progress().steadyRate()).progress().steadyRate();
        ctx.report.add(BenchRow.of("ratio", name + ", launch -> done", peerDone / projectDone, "x")
                .with("project_done_s", projectDone).with("peer_done_s", peerDone));
        ctx.report.add(BenchRow.of("ratio", name + ", steady 10-90 %", projectSteady / peerSteady, "x"));
    }

    private static Run median(List<Run> runs, java.util.function.ToDoubleFunction<Run> by) {
        List<Run> sorted = runs.stream().sorted(Comparator.comparingDouble(by)).toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Compares two output topics record by record (by room and seq): both must hold exactly the N readings' records,
     * each once, and the peer's equal to the job's. Returns how many differ; fails when a count is off.
     */
    private static long compare(BenchContext ctx, String jobTopic, String peerTopic) {
        Map<String, DerivedRecord> reference = readAll(ctx, jobTopic);
        Map<String, DerivedRecord> peer = readAll(ctx, peerTopic);
        if (reference.size() != ctx.readings || peer.size() != ctx.readings) {
            throw new IllegalStateException("derived records: the job " + reference.size() + ", the peer " + peer.size()
                    + " distinct, expected " + ctx.readings);
        }
        long mismatching = peer.entrySet().stream().filter(e -> !e.getValue().equals(reference.get(e.getKey())))
                .count();
        System.out.printf("   Kafka Streams vs job: %,d records, %,d mismatching%n", peer.size(), mismatching);
        if (mismatching > 0) {
            throw new IllegalStateException(mismatching + " of the Kafka Streams peer's records differ from the job's");
        }
        return mismatching;
    }

    /** Every derived record of a topic by "roomId:seq"; fails on a second copy or an unreadable record. */
    private static Map<String, DerivedRecord> readAll(BenchContext ctx, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", ctx.stack.bootstrapServers());
        p.put("isolation.level", "read_committed");
        p.put("max.poll.records", 10_000);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        Map<String, DerivedRecord> all = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 600_000;
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " to its end");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Decoded<DerivedRecord> d = Codec.decodeDerived(r.value());
                    if (!d.isOk()) {
                        throw new IllegalStateException(topic + ": unreadable derived record: " + d.reason());
                    }
                    DerivedRecord a = d.value();
                    if (all.put(a.roomId() + ":" + a.seq(), a) != null) {
                        throw new IllegalStateException(topic + ": a second copy of " + a.roomId() + ":" + a.seq());
                    }
                }
            }
        }
        return all;
    }
}
