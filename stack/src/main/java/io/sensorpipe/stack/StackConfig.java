package io.sensorpipe.stack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of an embedded stack: where its data lives, its ports (0 = a free port) and the topic partitions.
 * Build with {@link #builder()}.
 */
public final class StackConfig {
    /** Default partitions of the pipeline's topics. */
    public static final int DEFAULT_PARTITIONS = 6;

    private final Path dataDir;
    private final int kafkaPort;
    private final int mongoPort;
    private final int partitions;
    private final Duration startTimeout;
    private final boolean applyMongoInit;
    private final MongoStore mongoStore;
    private final Path profileDir;
    private final boolean secure;

    /** Where the MongoDB server keeps its data. */
    public enum MongoStore {
        /** In memory: fastest; lost when the server stops. */
        MEMORY,
        /** An H2 file under {@code <dataDir>/mongo}: kept across restarts, like Kafka's data. */
        DISK
    }

    private StackConfig(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath();
        this.kafkaPort = b.kafkaPort;
        this.mongoPort = b.mongoPort;
        this.partitions = b.partitions;
        this.startTimeout = b.startTimeout;
        this.applyMongoInit = b.applyMongoInit;
        this.mongoStore = b.mongoStore;
        this.profileDir = b.profileDir == null ? null : b.profileDir.toAbsolutePath();
        this.secure = b.secure;
    }

    /**
     * A builder with defaults: free ports, 6 partitions, MongoDB in memory, 300 s start timeout (a loaded machine is
     * slow), mongo-init applied.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Directory for Kafka's logs, the child processes' log files and stack.env. */
    public Path dataDir() {
        return dataDir;
    }

    /** Kafka client port; 0 means a free port. */
    public int kafkaPort() {
        return kafkaPort;
    }

    /** MongoDB wire-protocol port; 0 means a free port. */
    public int mongoPort() {
        return mongoPort;
    }

    /** Partitions of {@code readings}, {@code alpha} and {@code readings.dlq}. */
    public int partitions() {
        return partitions;
    }

    /** How long to wait for each child's READY line. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** Whether to apply {@code mongo-init/} after the database starts. */
    public boolean applyMongoInit() {
        return applyMongoInit;
    }

    /** Where MongoDB keeps its data (default {@link MongoStore#MEMORY}). */
    public MongoStore mongoStore() {
        return mongoStore;
    }

    /**
     * Where the broker and the database server write a JDK Flight Recorder profile ({@code kafka.jfr},
     * {@code mongo.jfr}) while they run; null (the default) records nothing.
     */
    public Path profileDir() {
        return profileDir;
    }

    /**
     * Whether Kafka runs secured: SASL/SCRAM-SHA-512 on the client listener, the StandardAuthorizer, one principal
     * per component with only its ACLs ({@link KafkaAccessPlan}); default false (PLAINTEXT, no authorizer).
     */
    public boolean secure() {
        return secure;
    }

    /** Builder of {@link StackConfig}. */
    public static final class Builder {
        private Path dataDir;
        private int kafkaPort;
        private int mongoPort;
        private int partitions = DEFAULT_PARTITIONS;
        private Duration startTimeout = Duration.ofSeconds(300);
        private boolean applyMongoInit = true;
        private MongoStore mongoStore = MongoStore.MEMORY;
        private Path profileDir;
        private boolean secure;

        private Builder() {
        }

        /** Data directory (required). */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Kafka client port, 0 = free port (default). */
        public Builder kafkaPort(int port) {
            this.kafkaPort = checkPort(port, "kafkaPort");
            return this;
        }

        /** MongoDB port, 0 = free port (default). */
        public Builder mongoPort(int port) {
            this.mongoPort = checkPort(port, "mongoPort");
            return this;
        }

        /** Topic partitions (default 6). */
        public Builder partitions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + n);
            }
            this.partitions = n;
            return this;
        }

        /** Start timeout per child process (default 300 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Whether to apply mongo-init (default true). */
        public Builder applyMongoInit(boolean apply) {
            this.applyMongoInit = apply;
            return this;
        }

        /** Where MongoDB keeps its data (default in memory). */
        public Builder mongoStore(MongoStore store) {
            this.mongoStore = store;
            return this;
        }

        /** Record a JDK Flight Recorder profile of each child into this directory (default: none). */
        public Builder profileDir(Path dir) {
            this.profileDir = dir;
            return this;
        }

        /** Secure Kafka (default false). */
        public Builder secure(boolean on) {
            this.secure = on;
            return this;
        }

        /** The configuration. */
        public StackConfig build() {
            if (dataDir == null) {
                throw new IllegalArgumentException("dataDir is required");
            }
            return new StackConfig(this);
        }

        private static int checkPort(int port, String name) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 0..65535, got " + port);
            }
            return port;
        }
    }
}
