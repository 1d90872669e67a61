package io.sensorpipe.batch.verify;

import io.sensorpipe.common.Reading;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A stored reading with where it arrived: the Kafka partition and offset of its first stored copy, which the raw
 * sink keeps in {@code src}. A room's readings live in one partition, so offset order is the order the streaming
 * job judged them in.
 *
 * @param reading   the reading
 * @param partition source partition, -1 when the document has no {@code src}
 * @param offset    source offset, -1 when the document has no {@code src}
 */
public record ArrivedReading(Reading reading, int partition, long offset) implements Serializable {
    /** Arrival order: partition, then offset; documents without coordinates after them, in seq order. */
    public static final Comparator<ArrivedReading> ARRIVAL = Comparator
            .comparing((ArrivedReading a) -> a.offset < 0)
            .thenComparingInt(ArrivedReading::partition)
            .thenComparingLong(ArrivedReading::offset)
            .thenComparingLong(a -> a.reading.seq());
}
