package io.sensorpipe.launcher.run;

import io.sensorpipe.common.config.KafkaOptions;
import io.sensorpipe.common.process.StackEnv;
import picocli.CommandLine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Decides where Kafka and MongoDB come from: {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGODB_URI} when set (and, for
 * values {@code bin/pipeline} took from a {@code stack.env}, when something answers there), else the embedded stack.
 */
public final class ServiceStarter {
    private ServiceStarter() {
    }

    /** The services for a run; starts the embedded stack when either address is missing. */
    public static Services start(RunSettings settings, PrintStream out) {
        Map<String, String> file = StackEnv.read(StackEnv.in(settings.dataDir()));
        String kafka = given(StackEnv.KAFKA, file, out);
        String mongo = given(StackEnv.MONGO, file, out);
        boolean fromFile = kafka != null && kafka.equals(file.get(StackEnv.KAFKA));
        if (kafka != null && mongo != null) {
            return new RunServices(kafka, mongo, null, fromFile);
        }
        StackProcess stack = StackProcess.start(settings, out);
        try {
            return new RunServices(kafka == null ? stack.kafka() : kafka, mongo == null ? stack.mongo() : mongo, stack,
                    false);
        } catch (RuntimeException | Error e) {
            stack.stop();
            throw e;
        }
    }

    /** Kafka client properties for the launcher's own admin client (plus KAFKA_CLIENT_CONFIG for a given cluster). */
    public static Properties kafkaProperties(Services services) {
        if (services.kafkaEmbedded()) {
            Properties p = new Properties();
            p.put("bootstrap.servers", services.bootstrapServers());
            return p;
        }
        KafkaOptions options = new KafkaOptions();
        new CommandLine(options).parseArgs();
        return options.withBootstrapServers(services.bootstrapServers()).clientProperties();
    }

    private static String given(String key, Map<String, String> file, PrintStream out) {
        String value = System.getenv(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        boolean live = key.equals(StackEnv.KAFKA) ? Reachable.kafka(value) : Reachable.mongo(value);
        if (value.equals(file.get(key)) && !live) {
            out.println("ignoring stale stack.env: nothing answers at " + value);
            return null;
        }
        return value;
    }

    /** What a run uses, and the stack it started (if any). */
    private static final class RunServices implements Services {
        private final String kafka;
        private final String mongo;
        private final StackProcess stack;
        private final boolean runningStack;

        RunServices(String kafka, String mongo, StackProcess stack, boolean runningStack) {
            this.kafka = kafka;
            this.mongo = mongo;
            this.stack = stack;
            this.runningStack = runningStack;
        }

        @Override
        public String bootstrapServers() {
            return kafka;
        }

        @Override
        public String mongoUri() {
            return mongo;
        }

        @Override
        public boolean kafkaEmbedded() {
            return stack != null && kafka.equals(stack.kafka());
        }

        @Override
        public String describe() {
            return "kafka " + kafka + " (" + origin(stack != null && kafka.equals(stack.kafka()), "KAFKA_BOOTSTRAP_SERVERS")
                    + "), mongodb " + MongoUris.maskPassword(mongo) + " ("
                    + origin(stack != null && mongo.equals(stack.mongo()), "MONGODB_URI") + ")";
        }

        private String origin(boolean embedded, String variable) {
            if (embedded) {
                return "embedded";
            }
            return runningStack ? "the running stack's stack.env" : variable;
        }

        @Override
        public List<String> keep() {
            List<String> lines = new ArrayList<>();
            if (stack == null) {
                lines.add("kafka and mongodb were not started by this run and are left as they were");
                return lines;
            }
            lines.add("the embedded stack keeps running (--keep-stack), pid " + stack.pid() + ", log " + stack.log() + ":");
            lines.add("  KAFKA_BOOTSTRAP_SERVERS=" + stack.kafka());
            lines.add("  MONGODB_URI=" + stack.mongo());
            lines.add("  bin/pipeline verify, report, sink ... find it through " + stack.envFile()
                    + (stack.envFile().getParent().endsWith("data") ? "" : " (set SENSORPIPE_DATA=" + stack.envFile().getParent() + ")"));
            lines.add("  stop it with: kill " + stack.pid());
            return lines;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.stop();
            }
        }
    }
}
