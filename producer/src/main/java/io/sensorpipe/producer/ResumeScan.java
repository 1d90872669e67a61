package io.sensorpipe.producer;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.Reading;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds where each simulated room left off, from a partition's records offered newest first. Malformed
 * records are skipped. A room is settled after two decodable records: a duplicate always directly follows a
 * fresh reading of its room, so the highest seq is among the last two decodable records of the room.
 */
public final class ResumeScan {
    /** Decodable records of a room needed before its highest seq is known. */
    static final int SETTLE_RECORDS = 2;
    /** Wall clock for decoding: accept any future event time, a simulated clock may run ahead. */
    private static final long FAR_FUTURE = Long.MAX_VALUE / 4;

    private final Set<String> rooms;
    private final Map<String, RoomTail> tails = new HashMap<>();
    private final Map<String, Integer> sightings = new HashMap<>();
    private long skipped;

    /** A scan for the given room ids; records of other keys are ignored. */
    public ResumeScan(Collection<String> rooms) {
        this.rooms = new HashSet<>(rooms);
    }

    /** Offers one record; call newest first within a partition. */
    public void offer(byte[] key, byte[] value) {
        String roomId = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (roomId == null || !rooms.contains(roomId) || settled(roomId)) {
            return;
        }
        Decoded<Reading> d = Codec.decodeReading(value, FAR_FUTURE);
        if (!d.isOk() || !d.value().roomId().equals(roomId)) {
            skipped++;
            return;
        }
        Reading r = d.value();
        tails.merge(roomId, new RoomTail(r.seq(), r.tsMillis()), (a, b) -> a.merge(b.lastSeq(), b.lastTsMillis()));
        sightings.merge(roomId, 1, Integer::sum);
    }

    /** True when the room's highest seq is known. */
    public boolean settled(String roomId) {
        return sightings.getOrDefault(roomId, 0) >= SETTLE_RECORDS;
    }

    /** True when every given room is settled. */
    public boolean allSettled(Collection<String> roomIds) {
        return roomIds.stream().allMatch(this::settled);
    }

    /** What was found per room (rooms never seen are absent). */
    public Map<String, RoomTail> tails() {
        return Map.copyOf(tails);
    }

    /** Records of simulated rooms that did not decode and were skipped. */
    public long skipped() {
        return skipped;
    }
}
