package io.sensorpipe.bench;

import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/** Reads the counts that progress is measured by: a topic's total end offset, a collection's size. */
public final class Counts {
    private Counts() {
    }

    /** Sum of the end offsets of all partitions of a topic. */
    public static long endOffsets(Admin admin, String topic) {
        try {
            var description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets of " + topic + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Documents in a collection (estimated: a metadata read, cheap while writes go on). */
    public static long documents(MongoDatabase db, String collection) {
        return db.getCollection(collection).estimatedDocumentCount();
    }

    /**
     * Watches a growing count until it reaches {@code target} and returns the rate between 10 % and 90 % of the
     * way (start-up and tail excluded), in units per second.
     */
    public static double rateBetween10And90(LongSupplier count, long start, long target, long timeoutMillis,
                                            Component component) throws InterruptedException {
        long span = target - start;
        long at10 = start + span / 10;
        long at90 = start + span * 9 / 10;
        long t10 = -1;
        long c10 = 0;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            long c = count.getAsLong();
            long now = System.nanoTime();
            if (t10 < 0 && c >= at10) {
                t10 = now;
                c10 = c;
            }
            if (t10 >= 0 && c >= at90) {
                return (c - c10) / ((now - t10) / 1e9);
            }
            if (component != null) {
                component.requireAlive();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("count stayed at " + count.getAsLong() + " of " + target + " after "
                + timeoutMillis / 1000 + " s");
    }

    /**
     * What a run from launch to done took: seconds from {@code launchNanos} to the first unit counted and to the
     * target reached, and the steady rate between 10 % and 90 % of the way.
     */
    public record Progress(double firstSeconds, double doneSeconds, double steadyRate) {
        /** Units per second from launch to done. */
        public double launchToDoneRate(long units) {
            return units / doneSeconds;
        }
    }

    /** Watches a growing count from a launch until it reaches {@code target}; see {@link Progress}. */
    public static Progress watch(LongSupplier count, long start, long target, long launchNanos, long timeoutMillis,
                                 Component component) throws InterruptedException {
        long span = target - start;
        long at10 = start + span / 10;
        long at90 = start + span * 9 / 10;
        long tFirst = -1;
        long t10 = -1;
        long c10 = 0;
        double steady = Double.NaN;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            long c = count.getAsLong();
            long now = System.nanoTime();
            if (tFirst < 0 && c > start) {
                tFirst = now;
            }
            if (t10 < 0 && c >= at10) {
                t10 = now;
                c10 = c;
            }
            if (Double.isNaN(steady) && t10 >= 0 && c >= at90) {
                steady = (c - c10) / ((now - t10) / 1e9);
            }
            if (c >= target) {
                return new Progress((tFirst - launchNanos) / 1e9, (now - launchNanos) / 1e9, steady);
            }
            if (component != null) {
                component.requireAlive();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("count stayed at " + count.getAsLong() + " of " + target + " after "
                + timeoutMillis / 1000 + " s");
    }
}
