package io.sensorpipe.reliability.traffic;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 4 (partition growth, the part that is built): {@code readings} grows from 6 to 8 partitions while
 * the job runs; the job follows without a restart: alpha is grown to 8, and readings written to the new partitions
 * are derived onto the same-numbered alpha partitions, and both sinks store them without a restart. (Rooms that
 * move keep their state behind: not built yet.)
 */
@WithStack("partition-growth")
class PartitionGrowthIntegrationTest {
    private static TestStack stack;

    @Test
    void partitionsAddedToReadingsAreReadWithoutARestart() throws Exception {
        ChildProcess job = stack.runWhenReady("stream", List.of("stream"), Ready.STREAM);
        ChildProcess sinkRaw = stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        ChildProcess sinkDerived = stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        Waits.until("the job's first batches", Duration.ofMinutes(3),
                () -> job.logLines().stream().filter(l -> l.contains("batches: batch")).count() >= 2);
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrap()))) {
            admin.createPartitions(Map.of(Names.TOPIC_READINGS, NewPartitions.increaseTo(8))).all().get();
        }
        Readings readings = new Readings(3);
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = Readings.producer(stack.bootstrap(), null)) {
            for (int partition : new int[] {6, 7}) {
                for (int i = 1; i <= 50; i++) {
                    Reading r = readings.next("grown-room-" + partition);
                    producer.send(new ProducerRecord<>(Names.TOPIC_READINGS, partition,
                            r.roomId().getBytes(StandardCharsets.UTF_8), Codec.encode(r))).get();
                    sent++;
                }
            }
        }
        TopicReader topics = new TopicReader(stack.bootstrap());
        Waits.until("derived records of the new partitions", Duration.ofMinutes(2),
                () -> topics.endOffsetTotal(Names.TOPIC_ALPHA) >= 100);
        List<ConsumerRecord<byte[], byte[]>> alpha = topics.readAll(Names.TOPIC_ALPHA);
        long onNew = alpha.stream().filter(r -> r.partition() >= 6).count();
        Results.record("partition growth", String.format("readings 6 -> 8 partitions while the job ran; %d readings on"
                + " partitions 6 and 7; alpha %d records, %d on partitions 6-7; job alive %b", sent, alpha.size(),
                onNew, job.isAlive()));
        assertTrue(job.isAlive(), "the job stopped; log " + job.log());
        assertEquals(100, onNew, "derived records on alpha partitions 6 and 7");
        assertTrue(job.logLines().stream().anyMatch(l -> l.contains("grew from 6 to 8 partitions")), "no log line");

        // the sinks follow too, without a restart, within about their metadata refresh (10 s), not the client
        // default of 5 minutes
        long t0 = System.nanoTime();
        final int total = sent;
        try (StoredDocs docs = new StoredDocs(stack.mongoUri())) {
            Waits.until("the sinks store the new partitions' records", Duration.ofMinutes(2),
                    () -> docs.count(Names.COLL_READINGS) >= total && docs.count(Names.COLL_ANALYTICS) >= 100);
            assertEquals(sent, docs.count(Names.COLL_READINGS));
            assertEquals(100, docs.count(Names.COLL_ANALYTICS));
        }
        Results.record("partition growth, sinks", String.format("both sinks stored the records of partitions 6-7 "
                + "%d ms after alpha had them; sinks alive %b %b", (System.nanoTime() - t0) / 1_000_000,
                sinkRaw.isAlive(), sinkDerived.isAlive()));
        assertTrue(sinkRaw.isAlive() && sinkDerived.isAlive(), "a sink stopped");
    }
}
