package io.sensorpipe.reliability.faults;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.NetPromise;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.Scale;
import io.sensorpipe.reliability.harness.SimulatorOutcome;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 2: the job's output fails while later output of the same task could succeed. The job runs with a
 * producer delivery timeout of 8 s; then (1) the broker is stopped for longer than that and started again, and
 * (2) the job's JVM is frozen with SIGSTOP for longer than that and let go, (3) alpha's {@code max.message.bytes} is
 * set too small for any batch for a while (an operator's mistake: every send fails, deterministically). Sends that
 * fail end the attempt: it is thrown away and the range done again from committed output. Afterwards nothing is
 * missing and the job still runs.
 */
@Tag("fault-suite")   // slow: bin/fault-suite only (CI time)
@WithStack("output-outage")
class OutputOutageIntegrationTest {
    private static final long READINGS = Scale.size("outage.readings", 10_000, 60_000);
    private static final long RATE = Scale.size("outage.rate", 500, 600);
    private static final Duration DOWN = Duration.ofSeconds(Scale.size("outage.seconds", 12, 40));
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void outputThatExpiresInABrokerOutageOrAFrozenJvmIsDoneAgainAndNothingIsMissing() throws Exception {
        Path shortTimeouts = stack.dir().resolve("job-short-delivery-timeout.properties");
        writeClientConfig(shortTimeouts);
        ChildProcess job = stack.runWhenReady("stream", stack.mongoUri(), Map.of("KAFKA_CLIENT_CONFIG",
                shortTimeouts.toString()), List.of("stream", "--batch-interval", "1s", "--max-rate-per-partition",
                "2000"), Ready.STREAM);
        stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "12", "--count",
                Long.toString(READINGS), "--rate", Long.toString(RATE), "--seed", "21", "--duplicate-rate", "0.01",
                "--out-of-order-rate", "0.05"), Ready.SIMULATOR);
        TopicReader topics = new TopicReader(stack.bootstrap());
        Waits.until("the job to write derived records", Duration.ofMinutes(3),
                () -> topics.endOffsetTotal(Names.TOPIC_ALPHA) > 2 * RATE);

        long alphaAtStop = topics.endOffsetTotal(Names.TOPIC_ALPHA);
        stack.stack().stopKafka();
        Waits.sleep(DOWN.toMillis());
        stack.stack().startKafka();
        Waits.until("the job to write again after the outage", Duration.ofMinutes(3),
                () -> topics.endOffsetTotal(Names.TOPIC_ALPHA) > alphaAtStop + RATE);

        long alphaAtFreeze = topics.endOffsetTotal(Names.TOPIC_ALPHA);
        signal("STOP", job.pid());
        Waits.sleep(DOWN.toMillis());
        signal("CONT", job.pid());

        long alphaAtShrink = topics.endOffsetTotal(Names.TOPIC_ALPHA);
        String original = alphaMaxMessageBytes("120");
        Waits.until("the job to log a repeated attempt", Duration.ofMinutes(2),
                () -> job.logLines().stream().anyMatch(l -> l.contains("its output is not trusted")));
        alphaMaxMessageBytes(original);

        assertEquals(0, simulator.awaitExit(Duration.ofMinutes(10)), "simulator exit; log " + simulator.log());
        SimulatorOutcome sim = SimulatorOutcome.last(simulator.logLines());
        NetPromise promise = NetPromise.check(stack, db, Duration.ofSeconds(60), Duration.ofSeconds(300), 0);
        long repeated = job.logLines().stream().filter(l -> l.contains("its output is not trusted")).count();
        Results.record("output outage", String.format("%d readings at %d/s, job delivery timeout 8 s; broker down %d s"
                        + " (alpha at %d), job frozen %d s (alpha at %d), alpha max.message.bytes 120 (alpha at %d); %d repeated attempts logged; job alive %b;"
                        + " simulator acked %d failed %d; %s", READINGS, RATE, DOWN.toSeconds(), alphaAtStop,
                DOWN.toSeconds(), alphaAtFreeze, alphaAtShrink, repeated, job.isAlive(), sim.acked(), sim.failed(), promise.line()));
        assertTrue(job.isAlive(), "the streaming job stopped; log " + job.log());
        assertTrue(repeated >= 1, "no attempt was repeated: the fault did not hit the output; log " + job.log());
        assertEquals(0, sim.failed(), "records the simulator could not deliver");
    }

    /** Sets alpha's max.message.bytes; returns the value it had. */
    private static String alphaMaxMessageBytes(String value) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrap()))) {
            ConfigResource alpha = new ConfigResource(ConfigResource.Type.TOPIC, Names.TOPIC_ALPHA);
            String before = admin.describeConfigs(List.of(alpha)).all().get().get(alpha).get("max.message.bytes")
                    .value();
            AlterConfigOp op = new AlterConfigOp(new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(alpha, List.of(op))).all().get();
            return before;
        }
    }

    private static void writeClientConfig(Path file) {
        try {
            Files.writeString(file, "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n"
                    + "delivery.timeout.ms=8000\nrequest.timeout.ms=3000\nlinger.ms=5\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
    }
}
