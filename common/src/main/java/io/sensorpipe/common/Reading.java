package io.sensorpipe.common;

import java.io.Serializable;

/**
 * One room temperature reading as it travels on the {@code readings} topic.
 *
 * @param roomId      the room, also the Kafka key
 * @param seq         per-room sequence number, +1 per reading, never reused
 * @param tsMillis    event time of the measurement, epoch milliseconds UTC
 * @param temperature degrees Celsius
 */
public record Reading(String roomId, long seq, long tsMillis, double temperature) implements Serializable {
    /** Schema version written in field {@code v}. */
    public static final int VERSION = 1;

    /** The MongoDB/_id form "roomId:seq". */
    public String id() {
        return Names.documentId(roomId, seq);
    }
}
