package io.sensorpipe.streaming.metrics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The job's input lag per partition, read from Kafka on the driver every few seconds (one daemon thread, one admin
 * client): the end offset of each input partition minus the group's committed offset (from the earliest offset
 * when the group has none). Its last successful answer is also the readiness condition "kafka".
 */
public final class InputLag implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputLag.class);

    private final Admin admin;
    private final String topic;
    private final String group;
    private final ScheduledExecutorService timer;
    private volatile Consumer<Map<TopicPartition, Long>> listener = m -> { };
    private volatile long answeredNanos;
    private volatile boolean answered;
    private boolean warned;

    /** Starts reading the lag of {@code group} on {@code topic} every {@code every}. */
    public InputLag(Map<String, ?> kafkaClient, String topic, String group, Duration every) {
        Map<String, Object> conf = new HashMap<>(kafkaClient);
        conf.put("request.timeout.ms", 10_000);
        conf.put("default.api.timeout.ms", 15_000);
        conf.putIfAbsent("client.id", "stream-job-lag");
        this.admin = Admin.create(conf);
        this.topic = topic;
        this.group = group;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-job-lag");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::read, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Who hears each new reading of the lag. */
    public void onLag(Consumer<Map<TopicPartition, Long>> newListener) {
        this.listener = newListener;
    }

    /** True when Kafka answered within {@code within}. */
    public boolean answeredWithin(Duration within) {
        return answered && System.nanoTime() - answeredNanos <= within.toNanos();
    }

    private void read() {
        try {
            List<TopicPartition> parts = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicPartition tp : parts) {
                latest.put(tp, OffsetSpec.latest());
                earliest.put(tp, OffsetSpec.earliest());
            }
            var ends = admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, Long> lag = new HashMap<>();
            for (TopicPartition tp : parts) {
                OffsetAndMetadata c = committed.get(tp);
                long position = Math.max(c == null ? 0 : c.offset(), starts.get(tp).offset());
                lag.put(tp, Math.max(0, ends.get(tp).offset() - position));
            }
            answeredNanos = System.nanoTime();
            answered = true;
            warned = false;
            listener.accept(lag);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!warned) {
                LOG.warn("input lag not read from Kafka: {}", e.toString());
                warned = true;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
