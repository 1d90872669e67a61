package io.sensorpipe.batch.verify;

import io.sensorpipe.common.Reading;

import java.io.Serializable;

/**
 * A stored reading with where it arrived: the Kafka partition and offset of its first stored copy, which the raw
 * sink keeps in {@code src} (for a reading the job rerouted, its copy's), from which
 * {@link io.sensorpipe.common.analytics.ArrivalOrder} gives the order the streaming job judged the room's readings in.
 *
 * @param reading   the reading
 * @param partition source partition, -1 when the document has no {@code src}
 * @param offset    source offset, -1 when the document has no {@code src}
 */
public record ArrivedReading(Reading reading, int partition, long offset) implements Serializable {
}
