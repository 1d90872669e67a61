package io.sensorpipe.streaming.state;

import io.sensorpipe.streaming.JobSettings;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Local mode only (the driver's JVM is the executor): restores every input partition's state for the group's
 * committed position while the streaming context starts and waits for its first batch time, all partitions at once,
 * so the first batch finds them ready. The tasks of the first batch wait for these restores instead of repeating
 * them; if the first batch starts elsewhere (another position), its tasks restore by themselves. The output producer
 * and the input consumers are started beside them, so the first batch's tasks do not wait for their connections.
 */
public final class EarlyRestore {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyRestore.class);

    private EarlyRestore() {
    }

    /**
     * Starts the restores in the background and returns at once: a daemon thread reads the group's positions (one
     * admin client, three requests: a second or more in a cold JVM, while the streaming context starts), then
     * restores every partition. Until the positions are read, a task that takes a state waits for them
     * ({@link PartitionStateStore#lookingUp}), so it never restores a partition that is about to be restored here.
     */
    public static void start(JobSettings settings, String inputTopic, String group) {
        CompletableFuture<Void> lookup = new CompletableFuture<>();
        PartitionStateStore.lookingUp(settings.stateScope(), lookup);
        Thread t = new Thread(() -> {
            try {
                restoreAll(settings, inputTopic, group);
            } finally {
                lookup.complete(null);
            }
        }, "early-restore-positions");
        t.setDaemon(true);
        t.start();
    }

    private static void restoreAll(JobSettings settings, String inputTopic, String group) {
        long started = System.nanoTime();
        Map<TopicPartition, Long> positions;
        Map<String, Object> conf = new HashMap<>(settings.kafkaClient());
        conf.put("request.timeout.ms", 15_000);   // at most the API timeout, or the client refuses to start
        conf.put("default.api.timeout.ms", 20_000);
        try (Admin admin = Admin.create(conf)) {
            List<TopicPartition> parts = admin.describeTopics(List.of(inputTopic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(inputTopic).partitions().stream()
                    .map(p -> new TopicPartition(inputTopic, p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> earliest = admin.listOffsets(parts.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> OffsetSpec.earliest()))).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            positions = new HashMap<>();
            for (TopicPartition tp : parts) {
                OffsetAndMetadata c = committed.get(tp);
                positions.put(tp, c != null ? Math.max(c.offset(), earliest.get(tp)) : earliest.get(tp));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.info("no early restore ({}); the first batch restores", e.getMessage());
            return;
        }
        LOG.info("early restore of {} partitions of {} for group {} (positions read in {} ms)", positions.size(),
                inputTopic, group, (System.nanoTime() - started) / 1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(Math.max(positions.size(), 1), 8) + 1, r -> {
            Thread t = new Thread(r, "early-restore");
            t.setDaemon(true);
            return t;
        });
        // the output producer and the input consumers too: the first batch's tasks then find them connected
        pool.execute(() -> {
            try {
                io.sensorpipe.streaming.output.AlphaProducer.get(settings.kafkaClient())
                        .partitionsFor(settings.outputTopic());
                positions.keySet().forEach(tp -> io.sensorpipe.streaming.input.InputReader.prepare(
                        settings.kafkaClient(), tp));
            } catch (RuntimeException e) {
                LOG.debug("output producer or input consumers not started early ({}); the first batch starts them",
                        e.getMessage());
            }
        });
        positions.forEach((tp, from) -> {
            CompletableFuture<PartitionAnalytics> f = CompletableFuture.supplyAsync(() -> AlphaRebuilder.restore(
                    settings.analytics(), settings.kafkaClient(), tp.topic(), settings.outputTopic(), tp.partition(),
                    from, settings.stateDirPath()), pool);
            PartitionStateStore.restoring(settings.stateScope(), tp.topic(), tp.partition(), from, f);
        });
        pool.shutdown();
    }
}
