package io.sensorpipe.common.config;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Checks up front that the broker lets this component do what it is about to do (the operations it will need on
 * each topic and on its consumer group), so a refusal is one line naming principal, operation and resource, with
 * exit code 1, instead of a stack trace or a retry loop later. Topics that do not exist are left to the caller's
 * own check; a broker that does not answer is a {@link ServiceException} that says when missing credentials are
 * the likely reason.
 */
public final class KafkaAccess {
    private KafkaAccess() {
    }

    /** What a component needs: operations per topic, and on its group (none when it has no group). */
    public record Needs(Map<String, Set<AclOperation>> topics, String group, Set<AclOperation> groupOperations) {
        /** Needs on topics only. */
        public static Needs topics(Map<String, Set<AclOperation>> topics) {
            return new Needs(topics, null, Set.of());
        }
    }

    /** Throws a {@link ServiceException} with one line when the broker refuses any of {@code needs}. */
    public static void require(Map<?, ?> client, Needs needs, int timeoutSeconds) {
        KafkaRefusal.remember(client);
        Map<String, Object> conf = new LinkedHashMap<>();
        client.forEach((k, v) -> conf.put(String.valueOf(k), v));
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutSeconds * 1000);
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutSeconds * 1000);
        conf.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "access-check");
        try (Admin admin = Admin.create(conf)) {
            Map<String, KafkaFuture<TopicDescription>> topics = admin.describeTopics(needs.topics().keySet(),
                    new DescribeTopicsOptions().includeAuthorizedOperations(true)).topicNameValues();
            for (Map.Entry<String, Set<AclOperation>> need : needs.topics().entrySet()) {
                Set<AclOperation> allowed;
                try {
                    allowed = topics.get(need.getKey()).get(timeoutSeconds, TimeUnit.SECONDS).authorizedOperations();
                } catch (ExecutionException e) {
                    allowed = refusedOrUnknown(client, e, need.getValue(), "topic", need.getKey(), timeoutSeconds);
                    if (allowed == null) {
                        continue;   // missing topic and other errors: the caller's own check says it
                    }
                }
                check(client, need.getValue(), allowed, "topic", need.getKey());
            }
            if (needs.group() != null) {
                Set<AclOperation> allowed;
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(needs.group()),
                                    new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true))
                            .describedGroups().get(needs.group()).get(timeoutSeconds, TimeUnit.SECONDS);
                    allowed = d.authorizedOperations();
                } catch (ExecutionException e) {
                    allowed = refusedOrUnknown(client, e, needs.groupOperations(), "group", needs.group(),
                            timeoutSeconds);
                }
                if (allowed != null) {
                    check(client, needs.groupOperations(), allowed, "group", needs.group());
                }
            }
        } catch (TimeoutException e) {
            throw new ServiceException(unreachable(client, timeoutSeconds), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while checking Kafka access", e);
        }
    }

    /** Refusal to describe: one line; another error: null (left to the caller). */
    private static Set<AclOperation> refusedOrUnknown(Map<?, ?> client, ExecutionException e, Set<AclOperation> need,
                                                      String type, String name, int timeoutSeconds) {
        Throwable c = e.getCause();
        if (c instanceof AuthorizationException) {
            throw new ServiceException(KafkaRefusal.refused(client, names(need), type, name, Set.of()), c);
        }
        if (c instanceof AuthenticationException) {
            throw new ServiceException(KafkaRefusal.describe(c, client), c);
        }
        if (c instanceof org.apache.kafka.common.errors.TimeoutException) {
            throw new ServiceException(unreachable(client, timeoutSeconds), c);
        }
        return null;
    }

    private static void check(Map<?, ?> client, Set<AclOperation> need, Set<AclOperation> allowed, String type,
                              String name) {
        if (allowed == null || allowed.isEmpty() || allowed.contains(AclOperation.ALL)) {
            return;   // the broker does not report operations (no authorizer): nothing to check
        }
        Set<AclOperation> missing = new TreeSet<>(need);
        missing.removeAll(allowed);
        if (!missing.isEmpty()) {
            throw new ServiceException(KafkaRefusal.refused(client, names(missing), type, name,
                    allowed.stream().map(AclOperation::name).collect(Collectors.toSet())));
        }
    }

    private static String names(Set<AclOperation> ops) {
        return new TreeSet<>(ops).stream().map(AclOperation::name).collect(Collectors.joining("+"));
    }

    /**
     * "cannot reach Kafka at X within N s", plus the likely reason when the port accepts connections and this client
     * has no SASL credentials: a secured broker closes such connections, and the client only sees silence.
     */
    public static String unreachable(Map<?, ?> client, int seconds) {
        String servers = String.valueOf(client.get("bootstrap.servers"));
        String line = "cannot reach Kafka at " + servers + (seconds > 0 ? " within " + seconds + " s" : "");
        Object protocol = client.get("security.protocol");
        boolean noSasl = KafkaRefusal.principal(client) == null
                && (protocol == null || !protocol.toString().toUpperCase(java.util.Locale.ROOT).contains("SASL"));
        if (noSasl && anyPortOpen(servers)) {
            line += ": the port accepts connections but the broker answered nothing; it may require SASL credentials,"
                    + " and no principal was given (security.protocol=" + (protocol == null ? "PLAINTEXT" : protocol)
                    + "; set --kafka-config / KAFKA_CLIENT_CONFIG)";
        }
        return line;
    }

    private static boolean anyPortOpen(String servers) {
        for (String hp : servers.split(",")) {
            int colon = hp.trim().lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hp.trim().substring(0, colon),
                        Integer.parseInt(hp.trim().substring(colon + 1))), 2000);
                return true;
            } catch (IOException | RuntimeException e) {
                // next one
            }
        }
        return false;
    }
}
