package io.sensorpipe.streaming;

import java.io.Serializable;

/**
 * The input offsets one task covers: {@code [from, until)} of one topic-partition. Records inside may be fewer
 * (transaction markers, aborted transactions, compaction): the state moves from {@code from} to {@code until}
 * whatever the records are.
 *
 * @param topic     input topic
 * @param partition input partition
 * @param from      first offset of the range
 * @param until     offset after the range
 */
public record InputRange(String topic, int partition, long from, long until) implements Serializable {
}
