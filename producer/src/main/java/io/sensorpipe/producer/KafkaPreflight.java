package io.sensorpipe.producer;

import io.sensorpipe.common.config.KafkaAccess;
import io.sensorpipe.common.config.KafkaRefusal;
import io.sensorpipe.common.config.ServiceException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Checks, before producing, that the broker answers and the topic exists; returns its partition count. */
final class KafkaPreflight {
    /** How long the broker has to answer. */
    static final int TIMEOUT_SECONDS = 10;

    private KafkaPreflight() {
    }

    /** The topic's partition count; a {@link ServiceException} when the broker or the topic is not there. */
    static int partitionsOf(Properties client, String topic, boolean reads) {
        // WRITE to produce; READ to resume the sequence numbers from the topic's tail
        java.util.Set<org.apache.kafka.common.acl.AclOperation> ops = reads
                ? java.util.Set.of(org.apache.kafka.common.acl.AclOperation.WRITE, org.apache.kafka.common.acl.AclOperation.READ)
                : java.util.Set.of(org.apache.kafka.common.acl.AclOperation.WRITE);
        KafkaAccess.require(client,
                KafkaAccess.Needs.topics(java.util.Map.of(topic, ops)), TIMEOUT_SECONDS);
        String servers = client.getProperty("bootstrap.servers");
        Properties p = new Properties();
        p.putAll(client);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_SECONDS * 1000));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_SECONDS * 1000));
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "simulator-preflight");
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            return d.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ServiceException("topic '" + topic + "' does not exist at " + servers
                        + " (start the stack with 'bin/pipeline stack', or create it)");
            }
            throw unreachable(client, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(client, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(client, e);
        }
    }

    private static ServiceException unreachable(Properties client, Throwable cause) {
        String refusal = KafkaRefusal.describe(cause, client);
        return refusal != null ? new ServiceException(refusal, cause)
                : new ServiceException(KafkaAccess.unreachable(client, TIMEOUT_SECONDS), cause);
    }
}
