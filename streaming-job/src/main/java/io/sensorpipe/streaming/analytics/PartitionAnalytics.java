package io.sensorpipe.streaming.analytics;

import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RoomAnalytics;

import java.util.HashMap;
import java.util.Map;

/**
 * The analytics of every room of one input partition: readings in arrival order in, one derived record per
 * accepted reading out. Plain Java, no Spark: the streaming job only feeds it.
 */
public final class PartitionAnalytics {
    private final AnalyticsSettings settings;
    private final Map<String, RoomState> rooms = new HashMap<>();
    private long duplicates;
    private long tooLate;

    /** Empty state with the given window and lateness. */
    public PartitionAnalytics(AnalyticsSettings settings) {
        this.settings = settings;
    }

    /** Takes the next reading; returns its derived record, or null for a duplicate or too-late reading. */
    public RoomAnalytics process(Reading r) {
        RoomState room = rooms.get(r.roomId());
        if (room == null) {
            room = new RoomState();
            rooms.put(r.roomId(), room);
        }
        switch (room.judge(r, settings.latenessMillis())) {
            case DUPLICATE -> {
                duplicates++;
                return null;
            }
            case TOO_LATE -> {
                tooLate++;
                return null;
            }
            default -> {
                return room.accept(r, settings);
            }
        }
    }

    /**
     * Replays a derived record already written to the output (rebuilding state after a restart): the record is
     * an accepted reading, so it is taken like one and its derived record is dropped.
     */
    public void restore(RoomAnalytics written) {
        process(new Reading(written.roomId(), written.seq(), written.tsMillis(), written.temperature()));
    }

    /** Readings dropped as duplicates so far. */
    public long duplicates() {
        return duplicates;
    }

    /** Readings dropped as too late so far. */
    public long tooLate() {
        return tooLate;
    }

    /** Rooms seen. */
    public int rooms() {
        return rooms.size();
    }

    /** Readings held for a room (0 if unknown): bounded by the window and lateness. */
    public int heldReadings(String roomId) {
        RoomState room = rooms.get(roomId);
        return room == null ? 0 : room.size();
    }

    /** The settings this state was built with. */
    public AnalyticsSettings settings() {
        return settings;
    }
}
