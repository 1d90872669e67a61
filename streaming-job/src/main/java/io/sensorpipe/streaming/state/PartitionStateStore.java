package io.sensorpipe.streaming.state;

import io.sensorpipe.streaming.analytics.PartitionAnalytics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-executor-JVM home of each input partition's analytics state between batches, tagged with the next
 * input offset it expects. A task takes the state out and puts it back only after its output is acknowledged;
 * a failed task leaves nothing behind, so the retry rebuilds from alpha.
 */
public final class PartitionStateStore {
    private static final Map<String, Tagged> STATES = new ConcurrentHashMap<>();

    private PartitionStateStore() {
    }

    private record Tagged(long nextOffset, PartitionAnalytics state) {
    }

    /** Removes and returns the state if it continues exactly at {@code fromOffset}; null otherwise. */
    public static PartitionAnalytics take(String scope, String topic, int partition, long fromOffset) {
        Tagged t = STATES.remove(key(scope, topic, partition));
        return t != null && t.nextOffset == fromOffset ? t.state : null;
    }

    /** Stores the state of a partition processed up to (not including) {@code nextOffset}. */
    public static void put(String scope, String topic, int partition, long nextOffset, PartitionAnalytics state) {
        STATES.put(key(scope, topic, partition), new Tagged(nextOffset, state));
    }

    /** Forgets every state (tests that simulate a fresh JVM). */
    public static void clear() {
        STATES.clear();
    }

    private static String key(String scope, String topic, int partition) {
        return scope + '|' + topic + '-' + partition;
    }
}
