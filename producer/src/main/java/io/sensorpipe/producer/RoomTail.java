package io.sensorpipe.producer;

/**
 * What the topic already holds for a room: its highest sequence number and latest event time.
 *
 * @param lastSeq      highest seq found
 * @param lastTsMillis latest event time found, epoch milliseconds
 */
public record RoomTail(long lastSeq, long lastTsMillis) {
    /** Merges another sighting of the same room. */
    RoomTail merge(long seq, long tsMillis) {
        return new RoomTail(Math.max(lastSeq, seq), Math.max(lastTsMillis, tsMillis));
    }
}
