package io.sensorpipe.common.config;

import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaRefusalTest {
    private static final Map<String, String> CLIENT = Map.of("bootstrap.servers", "k:9092",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sink-raw\""
                    + " password=\"secret-123\";");

    @Test
    void aRefusedOperationIsOneLineNamingPrincipalOperationAndResource() {
        assertEquals("Kafka at k:9092 refused principal 'sink-raw' READ on topic 'alpha' (it may DESCRIBE)",
                KafkaRefusal.refused(CLIENT, "READ", "topic", "alpha", Set.of("DESCRIBE")));
        assertEquals("Kafka at k:9092 refused no principal (no SASL credentials given) WRITE on topic 'readings'"
                        + " (it may do nothing there)",
                KafkaRefusal.refused(Map.of("bootstrap.servers", "k:9092"), "WRITE", "topic", "readings", Set.of()));
        assertEquals("Kafka at k:9092 refused principal 'sink-raw' ALTER on topic 'alpha'",
                KafkaRefusal.refused(CLIENT, "ALTER", "topic", "alpha", null));
    }

    @Test
    void kafkaErrorsInTheCauseChainBecomeOneLineAndNeverShowThePassword() {
        String topic = KafkaRefusal.describe(new RuntimeException(new TopicAuthorizationException(Set.of("alpha"))),
                CLIENT);
        assertTrue(topic.startsWith("Kafka at k:9092 refused principal 'sink-raw' access to topic 'alpha'"), topic);
        String group = KafkaRefusal.describe(GroupAuthorizationException.forGroupId("sink-raw"), CLIENT);
        assertTrue(group.contains("principal 'sink-raw' access to group 'sink-raw'"), group);
        String cluster = KafkaRefusal.describe(new ClusterAuthorizationException("Cluster authorization failed."), CLIENT);
        assertTrue(cluster.contains("idempotent producer needs WRITE"), cluster);
        String auth = KafkaRefusal.describe(new SaslAuthenticationException("Authentication failed: invalid credentials"),
                CLIENT);
        assertEquals("Kafka at k:9092 refused to authenticate principal 'sink-raw' (SCRAM-SHA-512): Authentication"
                + " failed: invalid credentials", auth);
        for (String line : new String[] {topic, group, cluster, auth}) {
            assertFalse(line.contains("secret-123") || line.contains("\n"), line);
        }
        assertNull(KafkaRefusal.describe(new IllegalStateException("other"), CLIENT));
    }

    @Test
    void aRefusalThatOnlySurvivesAsTextIsRecognisedToo() {
        RuntimeException spark = new RuntimeException("Job aborted due to stage failure: Task 0 failed 4 times, most"
                + " recent failure: org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access"
                + " topics: [readings.dlq]\n\tat ...");
        String line = KafkaRefusal.describe(spark, CLIENT);
        assertTrue(line.contains("access to topic 'readings.dlq'") && !line.contains("\n"), line);
    }

    @Test
    void saslCredentialsFromTheEnvironment() {
        Properties p = new Properties();
        KafkaOptions.saslFromEnvironment(p, Map.of("KAFKA_SASL_USERNAME", "simulator", "KAFKA_SASL_PASSWORD", "pw-1",
                "KAFKA_SECURITY_PROTOCOL", ""));
        assertEquals("SASL_PLAINTEXT", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals("simulator", KafkaRefusal.principal(p));
        Properties none = new Properties();
        KafkaOptions.saslFromEnvironment(none, Map.of());
        assertTrue(none.isEmpty());
        SettingException e = assertThrows(SettingException.class, () -> KafkaOptions.saslFromEnvironment(
                new Properties(), Map.of("KAFKA_SASL_USERNAME", "simulator")));
        assertTrue(e.getMessage().contains("KAFKA_SASL_PASSWORD"), e.getMessage());
    }
}
