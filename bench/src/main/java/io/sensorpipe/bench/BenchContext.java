package io.sensorpipe.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.sensorpipe.common.Names;
import io.sensorpipe.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** What every stage of the benchmark shares: the stack, clients to watch it, sizes and where logs go. */
public final class BenchContext implements AutoCloseable {
    final Path home;
    final Path logDir;
    final EmbeddedStack stack;
    final Admin admin;
    final MongoClient mongo;
    final MongoDatabase db;
    final int rooms;
    final long readings;
    final boolean smoke;
    final BenchReport report = new BenchReport();

    BenchContext(Path home, Path logDir, EmbeddedStack stack, int rooms, long readings, boolean smoke) {
        this.home = home;
        this.logDir = logDir;
        this.stack = stack;
        this.rooms = rooms;
        this.readings = readings;
        this.smoke = smoke;
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        this.admin = Admin.create(p);
        this.mongo = MongoClients.create(stack.mongoUri());
        this.db = mongo.getDatabase(Names.DATABASE);
    }

    /** The environment that points a component at the stack. */
    Map<String, String> env() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(), "MONGODB_URI", stack.mongoUri(),
                "SENSORPIPE_SKIP_BUILD", "1", "JAVA_OPTS", "-Xmx2g");
    }

    /** Starts a component through bin/pipeline. */
    Component start(String name, List<String> args) throws java.io.IOException {
        return Component.start(name, home, args, env(), logDir);
    }

    /** Creates a topic with the stack's partition count. */
    void createTopic(String name) {
        try {
            admin.createTopics(List.of(new NewTopic(name, stack.config().partitions(), (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        admin.close();
        mongo.close();
    }
}
