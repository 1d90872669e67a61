package io.sensorpipe.stack;

import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.config.SettingException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the pipeline's topics from {@code kafka-init/topics.conf}, the one definition that compose's kafka-init
 * also reads ({@code kafka-init/create-topics.sh}); existing topics are kept.
 */
final class Topics {
    /** The definition file inside {@code kafka-init/}. */
    static final String FILE = "topics.conf";

    private Topics() {
    }

    /** Topic name to its settings, in file order. */
    static Map<String, Map<String, String>> definitions(Path file) {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+", 2);
                Map<String, String> settings = new LinkedHashMap<>();
                if (parts.length == 2) {
                    for (String kv : parts[1].split(",")) {
                        String[] p = kv.split("=", 2);
                        if (p.length != 2 || p[0].isBlank()) {
                            throw new SettingException(FILE, "'" + kv + "' of topic " + parts[0] + " is not key=value");
                        }
                        settings.put(p[0].strip(), p[1].strip());
                    }
                }
                topics.put(parts[0], settings);
            }
        } catch (IOException e) {
            throw new SettingException(FILE, "cannot read " + file + ": " + e.getMessage());
        }
        return topics;
    }

    /** Creates each missing topic of {@code file} with {@code partitions} partitions and one replica. */
    static void create(Map<String, Object> conf, int partitions, Path file) {
        try (Admin admin = Admin.create(conf)) {
            definitions(file).forEach((topic, settings) ->
                    createOne(admin, new NewTopic(topic, partitions, (short) 1).configs(settings)));
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
