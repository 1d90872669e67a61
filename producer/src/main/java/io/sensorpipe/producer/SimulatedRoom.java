package io.sensorpipe.producer;

import io.sensorpipe.common.Reading;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** One simulated room inside the generator: its model, cached key, clock, next seq and recent readings. */
final class SimulatedRoom {
    /** How many recent readings a duplicate may be drawn from. */
    static final int DUPLICATE_LOOKBACK = 8;

    final String roomId;
    final byte[] key;
    final RoomModel model;
    long nextSeq;
    long clockMillis;
    private final Reading[] recent = new Reading[DUPLICATE_LOOKBACK];
    private final byte[][] recentBytes = new byte[DUPLICATE_LOOKBACK][];
    private int recentCount;
    private int recentNext;

    SimulatedRoom(String roomId, RoomModel model, long nextSeq, long clockMillis) {
        this.roomId = roomId;
        this.key = roomId.getBytes(StandardCharsets.UTF_8);
        this.model = model;
        this.nextSeq = nextSeq;
        this.clockMillis = clockMillis;
    }

    void remember(Reading reading, byte[] value) {
        recent[recentNext] = reading;
        recentBytes[recentNext] = value;
        recentNext = (recentNext + 1) % DUPLICATE_LOOKBACK;
        recentCount = Math.min(recentCount + 1, DUPLICATE_LOOKBACK);
    }

    /** A duplicate of one of the recent readings (there is always at least one when called). */
    Emission duplicate(SplittableRandom rnd) {
        int i = rnd.nextInt(recentCount);
        return new Emission(Emission.Kind.DUPLICATE, recent[i], key, recentBytes[i]);
    }

    /** The room id of room number {@code index} (0-based): room-001, room-002, ... */
    static String roomId(int index) {
        String n = Integer.toString(index + 1);
        return "room-" + "000".substring(Math.min(3, n.length())) + n;
    }
}
