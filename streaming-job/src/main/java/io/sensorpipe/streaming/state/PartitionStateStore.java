package io.sensorpipe.streaming.state;

import io.sensorpipe.streaming.analytics.PartitionAnalytics;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The per-executor-JVM home of each input partition's analytics state between batches, tagged with the next
 * input offset it expects. A task takes the state out and puts it back only after its output is acknowledged;
 * a failed task leaves nothing behind, so the retry restores from committed work. In local mode the driver may
 * restore states ahead of the first batch ({@link #restoring}); a task that finds such a restore in flight waits for
 * it instead of doing it a second time.
 */
public final class PartitionStateStore {
    private static final Map<String, Tagged> STATES = new ConcurrentHashMap<>();
    private static final Map<String, CompletableFuture<Tagged>> PENDING = new ConcurrentHashMap<>();
    /** Per state scope: the early restore's reading of the positions, until it has announced its restores. */
    private static final Map<String, CompletableFuture<Void>> LOOKUPS = new ConcurrentHashMap<>();

    private PartitionStateStore() {
    }

    private record Tagged(long nextOffset, PartitionAnalytics state) {
    }

    /** Removes and returns the state if it continues exactly at {@code fromOffset}; null otherwise. */
    public static PartitionAnalytics take(String scope, String topic, int partition, long fromOffset) {
        CompletableFuture<Void> lookup = LOOKUPS.get(scope);
        if (lookup != null) {
            try {
                lookup.get();   // completes normally, also when the lookup failed (the task then restores)
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        String key = key(scope, topic, partition);
        CompletableFuture<Tagged> pending = PENDING.remove(key);
        Tagged t = STATES.remove(key);
        if (t == null && pending != null) {
            try {
                t = pending.get();
            } catch (ExecutionException e) {
                t = null;   // the early restore failed: the task restores by itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return t != null && t.nextOffset == fromOffset ? t.state : null;
    }

    /** Stores the state of a partition processed up to (not including) {@code nextOffset}. */
    public static void put(String scope, String topic, int partition, long nextOffset, PartitionAnalytics state) {
        STATES.put(key(scope, topic, partition), new Tagged(nextOffset, state));
    }

    /**
     * Announces that the early restore of {@code scope} is reading the positions: until {@code lookup} completes
     * (after {@link #restoring} was called for every partition it restores), a take waits for it.
     */
    public static void lookingUp(String scope, CompletableFuture<Void> lookup) {
        LOOKUPS.put(scope, lookup);
    }

    /** Announces a restore in flight for the partition, for input offset {@code nextOffset}; the first take waits. */
    public static void restoring(String scope, String topic, int partition, long nextOffset,
                                 CompletableFuture<PartitionAnalytics> restore) {
        PENDING.put(key(scope, topic, partition), restore.thenApply(s -> new Tagged(nextOffset, s)));
    }

    /**
     * What this JVM holds between batches (metrics; local mode, where the driver is the executor): partitions held,
     * rooms, readings held, and restores still in flight.
     *
     * @param partitions partition states held
     * @param rooms      rooms over those states
     * @param readings   readings held over those states
     * @param restoring  restores announced and not finished
     */
    public record Held(int partitions, long rooms, long readings, int restoring) {
    }

    /** The states held now (those of tasks running are out of the store and not counted). */
    public static Held held() {
        int partitions = 0;
        long rooms = 0;
        long readings = 0;
        for (Tagged t : STATES.values()) {
            partitions++;
            rooms += t.state.rooms();
            readings += t.state.heldReadings();
        }
        int restoring = 0;
        for (CompletableFuture<Tagged> f : PENDING.values()) {
            if (!f.isDone()) {
                restoring++;
            }
        }
        return new Held(partitions, rooms, readings, restoring);
    }

    /** Forgets every state (tests that simulate a fresh JVM). */
    public static void clear() {
        STATES.clear();
        PENDING.clear();
        LOOKUPS.clear();
    }

    private static String key(String scope, String topic, int partition) {
        return scope + '|' + topic + '-' + partition;
    }
}
