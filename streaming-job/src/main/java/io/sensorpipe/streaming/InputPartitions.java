package io.sensorpipe.streaming;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The input topic's partitions as one batch sees them: how many there are, and where the batch starts on each. A
 * room belongs to the partition Kafka's default partitioner gives its key ({@code murmur2(roomId) % count}); when the
 * topic grows, a room can move, and its state moves with it (DESIGN.md "One partition per room at a time"):
 * <ul>
 *   <li>the partition it moves to takes the room's state from the partition it left, as that partition's committed
 *       work stood at the start of this batch (the same cut on every partition);</li>
 *   <li>a reading that reaches a partition other than its room's (a producer with metadata from before the growth,
 *       or one that chose a partition itself) is written again to its room's partition and judged there, in that
 *       partition's order, so each room is judged in one order on one partition.</li>
 * </ul>
 *
 * @param topic the input topic
 * @param count its partitions (0 .. count-1 all in the batch)
 * @param from  the batch's first offset on each partition
 */
public record InputPartitions(String topic, int count, Map<Integer, Long> from) implements Serializable {
    /** The partitions of one topic in a batch's ranges, or null when they are not all there (then no ownership). */
    public static InputPartitions of(InputRange[] ranges) {
        if (ranges == null || ranges.length == 0) {
            return null;
        }
        String topic = ranges[0].topic();
        Map<Integer, Long> from = new TreeMap<>();
        for (InputRange r : ranges) {
            if (!r.topic().equals(topic)) {
                return null;
            }
            from.put(r.partition(), r.from());
        }
        int count = from.size();
        return from.keySet().stream().allMatch(p -> p >= 0 && p < count) ? new InputPartitions(topic, count, from)
                : null;
    }

    /** The partition a room belongs to. */
    public int owner(byte[] roomKey) {
        return BuiltInPartitioner.partitionForKey(roomKey, count);
    }

    /** The partition a room belongs to. */
    public int owner(String roomId) {
        return owner(roomId.getBytes(StandardCharsets.UTF_8));
    }
}
