package io.sensorpipe.streaming;

import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import io.sensorpipe.streaming.output.AttemptOutput;

import java.io.Serializable;
import java.util.List;

/**
 * What a partition task reads, restores its state from and writes to, given to the pipeline assembly
 * ({@link StreamingPipeline#assemble}): Kafka and the state directory in the job ({@link KafkaJobIo}), memory in the
 * unit-tier tests. Serializable: it travels with the tasks to the executors.
 */
public interface JobIo extends Serializable {
    /** The committed records of {@code range}, in offset order. */
    List<InputRecord> read(InputRange range);

    /**
     * The state of {@code inputTopic}'s {@code partition} after the committed input before offset
     * {@code committedBefore}, built from committed work only (snapshot and output); a fresh state when there is none.
     */
    PartitionAnalytics restore(String inputTopic, int partition, long committedBefore);

    /**
     * Of the partitions of {@code inputTopic} in {@code cut} (partition to the batch's first offset), those that may
     * have state there (a snapshot or output): the others need no restore. All of them when it cannot tell cheaply.
     */
    default java.util.Collection<Integer> partitionsWithState(String inputTopic, java.util.Map<Integer, Long> cut) {
        return cut.keySet();
    }

    /**
     * Whether no room of {@code inputTopic} can have state outside its own output partition at {@code partitions}
     * input partitions ({@link io.sensorpipe.streaming.state.Provenance#settledFor}), so that a state rebuilt without
     * a snapshot needs no take-over from the other partitions. False when it cannot tell.
     */
    default boolean outputSettledFor(String inputTopic, int partitions) {
        return false;
    }

    /** The output of one new task attempt. */
    AttemptOutput attemptOutput();
}
