package io.sensorpipe.common.config;

import java.util.Map;

/**
 * Client settings every component applies the same way: the one definition, so no consumer reads uncommitted
 * records and no producer spreads a room over partitions (DESIGN.md "Robustness invariants").
 */
public final class KafkaClients {
    /** Consumer setting: only records of committed transactions (aborted ones and markers are skipped). */
    public static final String ISOLATION_LEVEL = "isolation.level";
    /** Its one accepted value. */
    public static final String READ_COMMITTED = "read_committed";
    /** Producer settings that would send a room's records to partitions other than its key's. */
    private static final String[] KEY_ROUTING_OVERRIDES = {"partitioner.class", "partitioner.ignore.keys"};

    private KafkaClients() {
    }

    /** Puts {@code isolation.level=read_committed} into consumer properties, over anything a client file said. */
    public static void committedReads(Map<? super String, ? super String> consumerProperties) {
        consumerProperties.put(ISOLATION_LEVEL, READ_COMMITTED);
    }

    /**
     * Refuses producer properties that change how keys pick partitions (exit 2, naming the setting): a room's
     * readings must all reach the partition its key picks.
     */
    public static void requireKeyRouting(Map<?, ?> producerProperties, String setting) {
        for (String k : KEY_ROUTING_OVERRIDES) {
            if (producerProperties.containsKey(k)) {
                throw new SettingException(setting, "'" + k + "' is not allowed: every reading must go to the"
                        + " partition its key (the roomId) picks, or the room's analytics split");
            }
        }
    }
}
