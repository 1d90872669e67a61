package io.sensorpipe.streaming.it;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.streaming.testdata.FaultyReadings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job as its own process, killed with SIGKILL twice mid-run and restarted: nothing missing, every record right. */
class StreamingCrashIntegrationTest {
    private static final String READINGS = "crash.readings";
    private static final String ALPHA = "crash.alpha";
    private static final String DLQ = "crash.dlq";
    private static final String GROUP = "crash-job";
    private static final int RECORDS = 30_000;

    private final String bootstrap = SharedStack.get().bootstrapServers();
    private final KafkaTopics kafka = new KafkaTopics(bootstrap);

    @Test
    void jobKilledTwiceMidRunLosesNothingAndEveryDerivedRecordIsRight() throws Exception {
        kafka.create(6, READINGS, ALPHA, DLQ);
        produce();
        Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("job.log");
        long total = endOffsets(READINGS);

        for (int kill = 1; kill <= 2; kill++) {
            long alphaBefore = endOffsets(ALPHA);
            ChildProcess job = JobProcess.start(log, args());
            // kill once the job has written a good share of new output (mid-run, batches in flight)
            awaitUntil(() -> endOffsets(ALPHA) >= alphaBefore + RECORDS / 4, Duration.ofMinutes(8), job);
            job.kill();                        // SIGKILL
            assertTrue(committed() < total, "killed before the input was finished (kill " + kill + ")");
        }
        ChildProcess job = JobProcess.start(log, args());
        try {
            awaitUntil(() -> committed() >= total, Duration.ofMinutes(8), job);
        } finally {
            job.stop(Duration.ofMinutes(2));   // SIGTERM: graceful stop
        }

        List<DerivedRecord> expected = ReferenceAnalytics.compute(kafka.readingsInArrivalOrder(READINGS),
                Duration.ofSeconds(60), Duration.ofSeconds(30));
        Map<String, DerivedRecord> actual = kafka.derivedById(ALPHA);
        assertEquals(expected.size(), actual.size(), "nothing missing, nothing extra");
        assertEquals(expected.stream().collect(Collectors.toMap(DerivedRecord::id, Function.identity(),
                (a, b) -> a, LinkedHashMap::new)), actual, "every derived record right");
    }

    private List<String> args() {
        return List.of("--bootstrap-servers", bootstrap, "--master", "local[2]", "--input-topic", READINGS,
                "--output-topic", ALPHA, "--dlq-topic", DLQ, "--group", GROUP, "--batch-interval", "500ms",
                "--lateness", "30s", "--max-rate-per-partition", "500", "--backpressure", "false");
    }

    /** Readings with duplicates, gaps, out-of-order and too-late times, and a malformed record every 500. */
    private void produce() throws Exception {
        List<byte[][]> records = new ArrayList<>(RECORDS);
        for (Reading r : FaultyReadings.generate(23, 30, RECORDS)) {
            byte[] key = r.roomId().getBytes(StandardCharsets.UTF_8);
            records.add(new byte[][] {key, Codec.encode(r)});
            if (records.size() % 500 == 0) {
                records.add(new byte[][] {key, "{\"v\":1,\"roomId\":".getBytes(StandardCharsets.UTF_8)});
            }
        }
        kafka.produce(READINGS, records);
    }

    private long endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    private long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** Condition that may throw. */
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Check check, Duration timeout, ChildProcess job) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (!job.isAlive()) {
                throw new AssertionError("the job process exited with " + job.exitCode() + " (see " + job.log() + ")");
            }
            if (System.nanoTime() > deadline) {
                job.kill();
                throw new AssertionError("timed out waiting (see " + job.log() + ")");
            }
            Thread.sleep(250);
        }
    }
}
