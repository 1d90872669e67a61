package io.sensorpipe.stack;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaAccessPlanTest {
    private static Map<String, Set<String>> byPrincipal() {
        return KafkaAccessPlan.grants().stream().collect(Collectors.groupingBy(KafkaAccessPlan.Grant::principal,
                Collectors.flatMapping(g -> g.operations().stream().map(op -> op + " " + g.type() + " " + g.name()),
                        Collectors.toSet())));
    }

    @Test
    void eachComponentGetsOnlyWhatItNeeds() {
        Map<String, Set<String>> plan = byPrincipal();
        assertEquals(Set.of("WRITE TOPIC readings", "READ TOPIC readings"), plan.get("simulator"));
        // WRITE on readings: a reading on another partition than its room's is rerouted there (partition growth)
        assertEquals(Set.of("READ TOPIC readings", "WRITE TOPIC readings", "READ GROUP streaming-job",
                "READ TOPIC alpha", "WRITE TOPIC alpha", "ALTER TOPIC alpha", "WRITE TOPIC readings.dlq",
                "WRITE TOPIC readings.late"), plan.get("stream-job"));
        assertEquals(Set.of("READ TOPIC readings", "READ GROUP sink-raw"), plan.get("sink-raw"));
        // the late sink runs as the derived sink's principal
        assertEquals(Set.of("READ TOPIC alpha", "READ GROUP sink-derived", "READ TOPIC readings.late",
                "READ GROUP sink-late"), plan.get("sink-derived"));
        assertEquals(Set.copyOf(KafkaAccessPlan.components()), plan.keySet(), "no grant for the admin (super user)");
    }

    @Test
    void nothingBroadIsEverGranted() {
        for (KafkaAccessPlan.Grant g : KafkaAccessPlan.grants()) {
            assertTrue(g.type() == ResourceType.TOPIC || g.type() == ResourceType.GROUP, g.toString());
            assertTrue(!g.operations().contains(AclOperation.ALL) && !g.name().contains("*"), g.toString());
            assertTrue(!g.operations().contains(AclOperation.DELETE) && !g.operations().contains(AclOperation.ALTER_CONFIGS),
                    g.toString());
        }
        // only the job writes alpha; the simulator writes readings, and the job its reroutes
        assertEquals(List.of("stream-job"), writers("alpha"));
        assertEquals(List.of("simulator", "stream-job"), writers("readings"));
        assertEquals(KafkaAccessPlan.grants().stream().mapToInt(g -> g.operations().size()).sum(),
                KafkaAccessPlan.bindings().size());
    }

    private static List<String> writers(String topic) {
        return KafkaAccessPlan.grants().stream().filter(g -> g.name().equals(topic)
                && g.operations().contains(AclOperation.WRITE)).map(KafkaAccessPlan.Grant::principal).toList();
    }
}
