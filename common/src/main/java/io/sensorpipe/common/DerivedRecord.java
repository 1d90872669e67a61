package io.sensorpipe.common;

import java.io.Serializable;

/**
 * One derived record on the {@code alpha} topic: a reading plus its change, gap and rolling-window statistics.
 *
 * @param roomId        the room, also the Kafka key
 * @param seq           the reading's sequence number
 * @param tsMillis      the reading's event time, epoch milliseconds UTC
 * @param temperature   the reading's temperature
 * @param change        temperature minus the previous accepted reading's; null for a room's first reading
 * @param gap           seq minus the previous accepted seq minus 1; 0 for the first reading
 * @param rollingAvg    average temperature over the window
 * @param rollingMin    minimum temperature over the window
 * @param rollingMax    maximum temperature over the window
 * @param rollingCount  number of readings in the window (at least 1)
 * @param windowSeconds the window length W in seconds
 */
public record DerivedRecord(String roomId, long seq, long tsMillis, double temperature, Double change, long gap,
                            double rollingAvg, double rollingMin, double rollingMax, int rollingCount,
                            int windowSeconds) implements Serializable {
    /** Schema version written in field {@code v}. */
    public static final int VERSION = 1;

    /** The MongoDB/_id form "roomId:seq". */
    public String id() {
        return Names.documentId(roomId, seq);
    }
}
