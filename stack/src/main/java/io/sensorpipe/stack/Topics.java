package io.sensorpipe.stack;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.config.ServiceException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates the pipeline's topics ({@code readings}, {@code alpha}, {@code readings.dlq}); existing ones are kept. */
final class Topics {
    /** The topics of the pipeline. */
    static final List<String> ALL = List.of(Names.TOPIC_READINGS, Names.TOPIC_ALPHA, Names.TOPIC_DLQ);

    private Topics() {
    }

    /** Creates each missing topic with {@code partitions} partitions and one replica. */
    static void create(String bootstrapServers, int partitions) {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(conf)) {
            for (String topic : ALL) {
                createOne(admin, new NewTopic(topic, partitions, (short) 1)
                        .configs(Map.of("max.message.bytes", String.valueOf(2 * 1024 * 1024 + 1024))));
            }
        }
    }

    private static void createOne(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ServiceException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new ServiceException("cannot create topic " + topic.name() + ": " + e.getMessage(), e);
        }
    }
}
