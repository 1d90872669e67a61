package io.sensorpipe.reliability.security;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.Logs;
import io.sensorpipe.reliability.harness.NetPromise;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.WithStack;
import io.sensorpipe.stack.KafkaAccessPlan;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Least privilege on Kafka: the embedded stack in secure mode (SASL/SCRAM-SHA-512, StandardAuthorizer, one principal
 * per component with only its ACLs). The whole pipeline runs with per-component principals and the net promise
 * holds ({@code verify} 0); a write to alpha or readings with the wrong principal is refused and nothing it sent is
 * stored anywhere; a component with no credentials, or with another component's, stops with one line and exit 1;
 * and the broker denied nothing the pipeline itself asked for.
 */
@WithStack(value = "secure-stack", secure = true)
class SecureStackIntegrationTest {
    /** A room no component produces: anything of it on a topic or in the database came from a refused write. */
    private static final String PLANTED_ROOM = "room-planted";

    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void thePipelineRunsWithOnePrincipalPerComponentAndNothingElseGetsIn() throws Exception {
        assertTrue(stack.stack().secure(), "the stack must run Kafka secured");
        // refused at start: no credentials, and another component's credentials (each: one line, exit 1)
        Path plain = stack.dir().resolve("kafka-client.properties");   // no SASL settings
        String noCredentials = refusedLine("sink-raw-no-credentials", Map.of("KAFKA_CLIENT_CONFIG", plain.toString()),
                List.of("sink", "raw"));
        assertTrue(noCredentials.contains("no principal") && noCredentials.contains("SASL credentials"),
                "the line names the missing credentials: " + noCredentials);
        String wrong = refusedLine("sink-derived-as-sink-raw", Map.of("KAFKA_CLIENT_CONFIG",
                stack.dir().resolve("kafka-client-" + KafkaAccessPlan.SINK_RAW + ".properties").toString()),
                List.of("sink", "derived"));
        assertTrue(wrong.contains("principal 'sink-raw' READ on topic 'alpha'"), "principal, operation, topic: " + wrong);
        String jobNoCredentials = refusedLine("stream-no-credentials", Map.of("KAFKA_CLIENT_CONFIG", plain.toString()),
                List.of("stream"));
        assertTrue(jobNoCredentials.contains("SASL credentials"), jobNoCredentials);

        ChildProcess job = stack.runWhenReady("stream", List.of("stream", "--batch-interval", "1s"), Ready.STREAM);
        stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        ChildProcess sim = stack.run("simulator", List.of("simulate", "--rooms", "8", "--rate", "400", "--count", "3000"));
        assertEquals(0, sim.awaitExit(Duration.ofMinutes(5)), "simulator; log " + sim.log());

        // wrong principals: the simulator may write readings but not alpha; a sink may write nothing
        String plantedAlpha = refusedWrite(KafkaAccessPlan.SIMULATOR, Names.TOPIC_ALPHA);
        String plantedReadings = refusedWrite(KafkaAccessPlan.SINK_RAW, Names.TOPIC_READINGS);
        String plantedByJobSink = refusedWrite(KafkaAccessPlan.SINK_DERIVED, Names.TOPIC_ALPHA);

        NetPromise promise = NetPromise.check(stack, db, Duration.ofSeconds(60), Duration.ofSeconds(300), 0);
        assertEquals(3000, promise.readings(), "records on readings: the simulator's, none planted");

        for (String topic : List.of(Names.TOPIC_READINGS, Names.TOPIC_ALPHA, Names.TOPIC_DLQ)) {
            for (ConsumerRecord<byte[], byte[]> r : stack.topicReader().readAll(topic)) {
                String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                assertFalse(key.equals(PLANTED_ROOM), "a refused write reached " + topic + " at offset " + r.offset());
            }
        }
        for (String coll : List.of(Names.COLL_READINGS, Names.COLL_ANALYTICS, Names.COLL_DEAD_LETTERS)) {
            assertEquals(0, db.collection(coll).countDocuments(new Document("roomId", PLANTED_ROOM)),
                    "planted documents in " + coll);
        }
        assertEquals(0, db.count(Names.COLL_DEAD_LETTERS), "dead letters");
        assertTrue(job.isAlive(), "the streaming job stopped; log " + job.log());

        // the broker's authorizer log: denials only for the principals this test misused on purpose
        List<String> denials = Logs.lines(stack.stack().config().dataDir().resolve("logs").resolve("kafka.log"))
                .stream().filter(l -> l.contains("is Denied operation")).toList();
        for (String d : denials) {
            boolean expected = d.contains("User:sink-raw") && (d.contains("Topic:LITERAL:alpha")
                    || d.contains("Topic:LITERAL:readings") && d.contains("operation = WRITE"))
                    || d.contains("User:simulator") && d.contains("Topic:LITERAL:alpha")
                    || d.contains("User:sink-derived") && d.contains("Topic:LITERAL:alpha") && d.contains("WRITE");
            assertTrue(expected, "the broker denied the pipeline something it needs: " + d);
        }
        // refused at run time (an ACL revoked while it runs): one line and exit 1, not a retry loop
        ChildProcess derivedSink = stack.runWhenReady("sink-derived-revoked", List.of("sink", "derived", "--group",
                Names.GROUP_DERIVED_SINK), Ready.SINK);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                stack.stack().adminClientProperties())) {
            admin.deleteAcls(List.of(new org.apache.kafka.common.acl.AclBindingFilter(
                    new org.apache.kafka.common.resource.ResourcePatternFilter(
                            org.apache.kafka.common.resource.ResourceType.TOPIC, Names.TOPIC_ALPHA,
                            org.apache.kafka.common.resource.PatternType.LITERAL),
                    new org.apache.kafka.common.acl.AccessControlEntryFilter("User:" + KafkaAccessPlan.SINK_DERIVED,
                            null, org.apache.kafka.common.acl.AclOperation.READ,
                            org.apache.kafka.common.acl.AclPermissionType.ALLOW)))).all().get(60, TimeUnit.SECONDS);
        }
        int revokedExit = derivedSink.awaitExit(Duration.ofMinutes(3));
        List<String> revokedErrors = derivedSink.logLines().stream().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, revokedExit, "sink-derived after its READ on alpha was revoked; log " + derivedSink.log());
        assertEquals(1, revokedErrors.size(), "one error line; log " + derivedSink.logLines());
        assertTrue(revokedErrors.get(0).contains("principal 'sink-derived'")
                && revokedErrors.get(0).contains("'alpha'"), revokedErrors.get(0));
        assertTrue(derivedSink.logLines().stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace");
        System.out.println("sink-derived-revoked: " + revokedErrors.get(0));

        Results.record("secure stack", String.format("SASL/SCRAM + StandardAuthorizer, one principal per component;"
                        + " refused at start: %s | %s; refused writes: %s | %s | %s; broker denials %d; %s",
                noCredentials, wrong, plantedAlpha, plantedReadings, plantedByJobSink, denials.size(), promise.line()));
    }

    /** Runs a component that must stop at start: exit 1 and exactly one {@code error:} line, no stack trace. */
    private static String refusedLine(String name, Map<String, String> env, List<String> args) {
        ChildProcess c = stack.run(name, stack.mongoUri(), env, args);
        int exit = c.awaitExit(Duration.ofMinutes(3));
        List<String> lines = c.logLines().stream().filter(l -> !l.startsWith("=== start")).toList();
        assertEquals(1, exit, name + " exit code; log " + c.log());
        List<String> errors = lines.stream().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), name + ": one error line; log " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception:")),
                name + ": no stack trace; log " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("retry")),
                name + ": no retry loop; log " + lines);
        System.out.println(name + ": " + errors.get(0));
        return errors.get(0);
    }

    /** Sends a planted reading (absurd seq, far-future ts) as {@code principal} to {@code topic}; must be refused. */
    private static String refusedWrite(String principal, String topic) throws Exception {
        Properties p = new Properties();
        p.putAll(stack.stack().clientProperties(principal));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
        Reading planted = new Reading(PLANTED_ROOM, 1_000_000_000_000L,
                System.currentTimeMillis() + Duration.ofDays(3650).toMillis(), 21.0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, PLANTED_ROOM.getBytes(StandardCharsets.UTF_8),
                    Codec.encode(planted))).get(60, TimeUnit.SECONDS);
            fail("principal '" + principal + "' could write to " + topic);
            return null;
        } catch (ExecutionException e) {
            assertNotNull(e.getCause());
            assertTrue(e.getCause() instanceof AuthorizationException,
                    "refused by the authorizer, not something else: " + e.getCause());
            return principal + " -> " + topic + ": " + e.getCause().getClass().getSimpleName();
        } catch (org.apache.kafka.common.KafkaException e) {
            Throwable t = e;
            while (t != null && !(t instanceof AuthorizationException)) {
                t = t.getCause();
            }
            assertNotNull(t, "refused by the authorizer, not something else: " + e);
            return principal + " -> " + topic + ": " + t.getClass().getSimpleName();
        }
    }
}
