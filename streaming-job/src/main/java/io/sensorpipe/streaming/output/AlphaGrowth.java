package io.sensorpipe.streaming.output;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Keeps alpha at least as wide as readings: derived records go to the partition number their reading came from, so
 * when readings gains partitions, alpha gets as many before the job reads the new ones.
 */
public final class AlphaGrowth {
    private static final Logger LOG = LoggerFactory.getLogger(AlphaGrowth.class);

    private AlphaGrowth() {
    }

    /** True when {@code topic} has at least {@code partitions} partitions (grown here if needed). */
    public static boolean ensure(Map<String, String> kafkaClient, String topic, int partitions) {
        return ensure(kafkaClient, topic, partitions, false);
    }

    /**
     * Like {@link #ensure(Map, String, int)}; with {@code failOnRefusal} (the job's start) a refusal by the broker is
     * a {@link io.sensorpipe.common.config.ServiceException} with the one line instead of false.
     */
    public static boolean ensure(Map<String, String> kafkaClient, String topic, int partitions, boolean failOnRefusal) {
        Map<String, Object> conf = new HashMap<>(kafkaClient);
        conf.put("request.timeout.ms", 15_000);   // at most the API timeout, or the client refuses to start
        conf.put("default.api.timeout.ms", 20_000);
        try (Admin admin = Admin.create(conf)) {
            int now = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            if (now >= partitions) {
                return true;
            }
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all()
                    .get(30, TimeUnit.SECONDS);
            LOG.info("'{}' grown from {} to {} partitions to match the input", topic, now, partitions);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidPartitionsException) {
                return true;   // grown meanwhile by someone else
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException) {
                String refusal = io.sensorpipe.common.config.KafkaRefusal.refused(kafkaClient, "ALTER", "topic", topic,
                        null) + ", needed to grow it to " + partitions + " partitions like the input";
                if (failOnRefusal) {
                    throw new io.sensorpipe.common.config.ServiceException(refusal, e.getCause());
                }
                // not fatal: the existing partitions go on; the new ones wait for an operator (one line each try)
                LOG.error("{}, needed to grow it to {} partitions like the input: the new input partitions wait until"
                        + " '{}' has them (grant ALTER on it, or grow it as an admin)",
                        io.sensorpipe.common.config.KafkaRefusal.refused(kafkaClient, "ALTER", "topic", topic, null),
                        partitions, topic);
                return false;
            }
            LOG.error("the input has {} partitions but '{}' fewer, and it cannot be grown ({}): the new input"
                    + " partitions wait until '{}' has {} partitions", partitions, topic, e.getCause().getMessage(),
                    topic, partitions);
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Kafka did not answer while checking '{}' for {} partitions; trying again later", topic,
                    partitions);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
