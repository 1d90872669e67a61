package io.sensorpipe.stack;

import io.sensorpipe.common.Names;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what on the secure broker: one principal per component, each with only the operations it was seen to
 * need (found by running it against the secure broker and reading the authorizer's denials, see stack/README.md),
 * and the admin as the super user. The same plan is what compose's {@code kafka-init/acls.sh} grants.
 */
public final class KafkaAccessPlan {
    /** The super user: creates topics, users and ACLs; inter-broker traffic. */
    public static final String ADMIN = "admin";
    /** The simulator. */
    public static final String SIMULATOR = "simulator";
    /** The streaming job (driver and executors). */
    public static final String STREAM_JOB = "stream-job";
    /** The raw sink. */
    public static final String SINK_RAW = "sink-raw";
    /** The derived sink. */
    public static final String SINK_DERIVED = "sink-derived";

    /** One grant: principal may do {@code operations} on a literal resource. */
    public record Grant(String principal, ResourceType type, String name, Set<AclOperation> operations) {
    }

    private KafkaAccessPlan() {
    }

    /** The component principals (not the admin), in start order. */
    public static List<String> components() {
        return List.of(SIMULATOR, STREAM_JOB, SINK_RAW, SINK_DERIVED);
    }

    /** Every grant, per component. */
    public static List<Grant> grants() {
        ResourceType topic = ResourceType.TOPIC;
        ResourceType group = ResourceType.GROUP;
        AclOperation read = AclOperation.READ;
        AclOperation write = AclOperation.WRITE;
        // READ, WRITE and ALTER imply DESCRIBE (topic metadata, offsets), so DESCRIBE is never granted on its own
        return List.of(
                // produces readings; reads the tail of readings to resume its sequence numbers after a restart
                new Grant(SIMULATOR, topic, Names.TOPIC_READINGS, Set.of(write, read)),
                // input: assigned consumer of readings whose committed offsets live in group streaming-job; writes a
                // reading that reached another partition than its room's again to its room's (partition growth)
                new Grant(STREAM_JOB, topic, Names.TOPIC_READINGS, Set.of(read, write)),
                new Grant(STREAM_JOB, group, Names.GROUP_STREAMING, Set.of(read)),
                // output, and its own state: rebuilt from alpha after a restart; grows alpha when readings grows
                new Grant(STREAM_JOB, topic, Names.TOPIC_ALPHA, Set.of(read, write, AclOperation.ALTER)),
                new Grant(STREAM_JOB, topic, Names.TOPIC_DLQ, Set.of(write)),
                new Grant(SINK_RAW, topic, Names.TOPIC_READINGS, Set.of(read)),
                new Grant(SINK_RAW, group, Names.GROUP_RAW_SINK, Set.of(read)),
                new Grant(SINK_DERIVED, topic, Names.TOPIC_ALPHA, Set.of(read)),
                new Grant(SINK_DERIVED, group, Names.GROUP_DERIVED_SINK, Set.of(read)),
                // the late readings: the job publishes them like its other output; the late sink runs as the
                // derived sink's principal
                new Grant(STREAM_JOB, topic, Names.TOPIC_LATE, Set.of(write)),
                new Grant(SINK_DERIVED, topic, Names.TOPIC_LATE, Set.of(read)),
                new Grant(SINK_DERIVED, group, Names.GROUP_LATE_SINK, Set.of(read)));
    }

    /** The grants as Kafka ACL bindings (allow, any host, literal names). */
    public static List<AclBinding> bindings() {
        List<AclBinding> out = new ArrayList<>();
        for (Grant g : grants()) {
            g.operations().stream().sorted().forEach(op -> out.add(new AclBinding(
                    new ResourcePattern(g.type(), g.name(), PatternType.LITERAL),
                    new AccessControlEntry("User:" + g.principal(), "*", op, AclPermissionType.ALLOW))));
        }
        return out;
    }

    /** principal -> "OPERATION type:name" lines, for the banner and the docs. */
    public static Map<String, List<String>> describe() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Grant g : grants()) {
            List<String> ops = g.operations().stream().sorted().map(AclOperation::name).toList();
            out.computeIfAbsent(g.principal(), k -> new ArrayList<>())
                    .add(String.join("+", ops) + " " + g.type().name().toLowerCase(java.util.Locale.ROOT) + " " + g.name());
        }
        return out;
    }
}
