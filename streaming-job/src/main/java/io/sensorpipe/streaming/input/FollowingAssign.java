package io.sensorpipe.streaming.input;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.ConsumerStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job's input strategy: like Spark's {@code Assign} (no group membership, so a restart never waits for a dead
 * member's session; the group's committed offsets are the starting position), but it follows the topic: every few
 * seconds the driver's consumer looks for partitions added to {@code readings} and assigns them, so the next batch
 * reads them without a restart. It is also patient: while the broker is away, reading a position waits for it
 * instead of failing batch generation (which would stop the job).
 */
public final class FollowingAssign extends ConsumerStrategy<byte[], byte[]> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FollowingAssign.class);

    /** Called on the driver before new partitions are read; false leaves them for the next check. */
    @FunctionalInterface
    public interface Growth extends Serializable {
        /** The topic now has {@code partitions} partitions (more than before); true when the job may read them. */
        boolean accept(int partitions);
    }

    private final String topic;
    private final Map<String, Object> params;
    private final Duration checkEvery;
    private final Growth growth;

    /** Follows {@code topic} with these consumer params, looking for new partitions every {@code checkEvery}. */
    public FollowingAssign(String topic, Map<String, Object> params, Duration checkEvery, Growth growth) {
        this.topic = topic;
        this.params = params;
        this.checkEvery = checkEvery;
        this.growth = growth;
    }

    @Override
    public Map<String, Object> executorKafkaParams() {
        return params;
    }

    @Override
    public Consumer<byte[], byte[]> onStart(Map<TopicPartition, Long> currentOffsets) {
        // partitionsFor answers from the metadata cache: refresh it as often as we look for new partitions
        Map<String, Object> driver = new java.util.HashMap<>(params);
        driver.put("metadata.max.age.ms", String.valueOf(checkEvery.toMillis()));
        FollowingConsumer c = new FollowingConsumer(driver, topic, checkEvery, growth);
        c.follow(true);
        currentOffsets.forEach(c::seek);
        return c;
    }

    /** The driver's consumer: assignment follows the topic's partitions, positions wait for the broker. */
    static final class FollowingConsumer extends KafkaConsumer<byte[], byte[]> {
        private final String topic;
        private final long checkEveryNanos;
        private final Growth growth;
        private long lastCheck;

        FollowingConsumer(Map<String, Object> params, String topic, Duration checkEvery, Growth growth) {
            super(params);
            this.topic = topic;
            this.checkEveryNanos = checkEvery.toNanos();
            this.growth = growth;
        }

        @Override
        public Set<TopicPartition> assignment() {
            if (System.nanoTime() - lastCheck > checkEveryNanos) {
                follow(false);
            }
            return super.assignment();
        }

        @Override
        public long position(TopicPartition partition) {
            for (long waited = 0; ; waited++) {
                try {
                    return super.position(partition, Duration.ofSeconds(30));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    LOG.warn("Kafka did not answer for the position of {} within 30 s ({} s so far): waiting for it",
                            partition, (waited + 1) * 30);
                }
            }
        }

        /** Assigns every partition of the topic (the first time, or when it grew and the job may read them). */
        void follow(boolean first) {
            lastCheck = System.nanoTime();
            Set<TopicPartition> now;
            try {
                now = partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p))
                        .collect(Collectors.toSet());
            } catch (KafkaException e) {
                if (first) {
                    throw e;
                }
                LOG.warn("could not look for new partitions of {}: {}", topic, e.getMessage());
                return;
            }
            Set<TopicPartition> assigned = super.assignment();
            if (now.size() <= assigned.size() && now.containsAll(assigned)) {
                return;
            }
            if (!first) {
                if (!growth.accept(now.size())) {
                    return;
                }
                LOG.info("'{}' grew from {} to {} partitions: reading the new ones from their start", topic,
                        assigned.size(), now.size());
            }
            assign(now);
        }
    }
}
