package io.sensorpipe.common.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line for "the broker refused us": which principal, which operation, which resource. Pure formatting and
 * recognition by class name, so it works without the Kafka client classes (the CLI error handler uses it for any
 * Kafka authorization or authentication error that reaches it).
 */
public final class KafkaRefusal {
    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern TOPICS = Pattern.compile("topics?: \\[([^\\]]*)\\]");
    private static final Pattern GROUP = Pattern.compile("group: (\\S+)");
    private static final Pattern IN_TEXT = Pattern.compile(
            "org\\.apache\\.kafka\\.common\\.errors\\.(\\w+(?:Authorization|Authentication)Exception): ([^\\n]*)");
    private static volatile Map<?, ?> lastClient = Map.of();

    private KafkaRefusal() {
    }

    /** Remembers the client properties this process connects with, for messages built far from them. */
    public static void remember(Map<?, ?> clientProperties) {
        lastClient = Map.copyOf(clientProperties);
    }

    /** The principal the client properties authenticate as: the SASL username, or a note that there is none. */
    public static String principal(Map<?, ?> client) {
        Object jaas = client.get("sasl.jaas.config");
        if (jaas != null) {
            Matcher m = USERNAME.matcher(jaas.toString());
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** {@code principal 'x'}, or {@code no principal (no SASL credentials)}. */
    static String who(Map<?, ?> client) {
        String p = principal(client);
        return p == null ? "no principal (no SASL credentials given)" : "principal '" + p + "'";
    }

    /**
     * The refusal of one operation, e.g. {@code Kafka refused principal 'sink-raw' READ on topic 'alpha' (it may
     * DESCRIBE)}.
     */
    public static String refused(Map<?, ?> client, String operation, String resourceType, String resource,
                                 Set<String> allowed) {
        String line = "Kafka at " + client.get("bootstrap.servers") + " refused " + who(client) + " " + operation
                + " on " + resourceType + " '" + resource + "'";
        if (allowed == null) {   // not known
            return line;
        }
        Set<String> may = new TreeSet<>(allowed);
        return line + " (" + (may.isEmpty() ? "it may do nothing there" : "it may " + String.join(", ", may)) + ")";
    }

    /** Whether a Kafka authorization or authentication error is in the cause chain. */
    public static boolean isRefusal(Throwable t) {
        return describe(t, Map.of("bootstrap.servers", "")) != null;
    }

    /** The one-line message for a Kafka refusal in {@code t}'s cause chain, or null when there is none. */
    public static String describe(Throwable t, Map<?, ?> client) {
        Throwable r = find(t);
        Map<?, ?> c = client == null || client.isEmpty() ? lastClient : client;
        String name;
        String msg;
        boolean authentication;
        if (r != null) {
            name = r.getClass().getSimpleName();
            msg = r.getMessage() == null ? name : firstLine(r.getMessage());
            authentication = isA(r, "org.apache.kafka.common.errors.AuthenticationException");
        } else {
            // a failure that crossed a process boundary (a Spark task) keeps only the text of the Kafka error
            Matcher m = null;
            for (Throwable x = t; x != null && m == null; x = x.getCause() == x ? null : x.getCause()) {
                Matcher mm = IN_TEXT.matcher(String.valueOf(x.getMessage()));
                m = mm.find() ? mm : null;
            }
            if (m == null) {
                return null;
            }
            name = m.group(1);
            msg = m.group(2).trim();
            authentication = name.endsWith("AuthenticationException");
        }
        String at = "Kafka at " + c.get("bootstrap.servers");
        if (authentication) {
            Object mechanism = c.get("sasl.mechanism") == null ? "no SASL" : c.get("sasl.mechanism");
            return at + " refused to authenticate " + who(c) + " (" + mechanism + "): " + msg;
        }
        String what;
        Matcher topics = TOPICS.matcher(msg);
        Matcher group = GROUP.matcher(msg);
        if (name.equals("TopicAuthorizationException") && topics.find()) {
            what = "access to topic '" + String.join("', '", topics.group(1).split(",\\s*")) + "'";
        } else if (name.equals("GroupAuthorizationException") && group.find()) {
            what = "access to group '" + group.group(1) + "'";
        } else if (name.equals("ClusterAuthorizationException")) {
            what = "a cluster operation (an idempotent producer needs WRITE on at least one topic)";
        } else if (name.equals("TransactionalIdAuthorizationException")) {
            what = "a transactional id";
        } else {
            what = "a request";
        }
        return at + " refused " + who(c) + " " + what + ": " + msg;
    }

    private static Throwable find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (isA(c, "org.apache.kafka.common.errors.AuthorizationException")
                    || isA(c, "org.apache.kafka.common.errors.AuthenticationException")) {
                return c;
            }
        }
        return null;
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> k = t.getClass(); k != null; k = k.getSuperclass()) {
            if (k.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
