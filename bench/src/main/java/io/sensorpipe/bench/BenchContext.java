package io.sensorpipe.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.sensorpipe.common.Names;
import io.sensorpipe.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    /** Where JDK Flight Recorder profiles go; null when not profiling. */
    final Path profileDir;
    private final List<Profiled> profiled = new ArrayList<>();
    private String stage = "";

    /** A profile to summarise after the run: a component's whole recording, or a stack child's during a stage. */
    record Profiled(String stage, String label, Path jfr, Instant from, Instant to) {
    }

    BenchContext(Path home, Path logDir, EmbeddedStack stack, int rooms, long readings, boolean smoke,
                 Path profileDir) {
        this.home = home;
        this.profileDir = profileDir;
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

    /** The environment that points a component at the stack (and, when profiling, records it). */
    Map<String, String> env(String name) {
        String javaOpts = String.join(" ", concat(List.of("-Xmx2g"), profileOptions(name)));
        // the bench's data directory: what components keep there (the job's snapshots) stays out of the project's data/
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(), "MONGODB_URI", stack.mongoUri(),
                "SENSORPIPE_SKIP_BUILD", "1", "JAVA_OPTS", javaOpts,
                "SENSORPIPE_DATA", logDir.getParent().toString());
    }

    /** Starts a component through bin/pipeline. */
    Component start(String name, List<String> args) throws java.io.IOException {
        return Component.start(name, home, args, env(name), logDir);
    }

    /** Starts a main class of this module (a peer) in a JVM of its own, pointed at the stack like a component. */
    Component startMain(String name, String mainClass, List<String> args) throws java.io.IOException {
        return Component.start(name, io.sensorpipe.common.process.ChildProcess.Command.module(home, "bench", false,
                mainClass, concat(List.of("-Xmx2g"), profileOptions(name)), args), env(name), logDir);
    }

    /** JVM options that record a profile of the JVM called {@code name}; none when not profiling. */
    List<String> profileOptions(String name) {
        if (profileDir == null) {
            return List.of();
        }
        Path jfr = profileDir.resolve(name + ".jfr");
        profiled.add(new Profiled(stage, name, jfr, Instant.MIN, Instant.MAX));
        return List.of("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
    }

    /** Marks the stage now running, for the profiles' labels. */
    void beginStage(String name) {
        stage = name;
    }

    /** The broker's and the database server's share of the stage that just ended, when profiling. */
    void endStage(Instant from, Instant to) {
        if (profileDir != null) {
            profiled.add(new Profiled(stage, "kafka broker", profileDir.resolve("kafka.jfr"), from, to));
            profiled.add(new Profiled(stage, "mongo server", profileDir.resolve("mongo.jfr"), from, to));
        }
    }

    /** Every profile taken, in order. */
    List<Profiled> profiled() {
        return List.copyOf(profiled);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
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
