package io.sensorpipe.streaming.analytics;

import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;

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
    private Judgement lastJudgement;
    /** Offset in the output partition after every derived record this state has seen (where a restore resumes). */
    private long outputPosition;
    /** The partition count of the input topic this state's room ownership was settled for; 0 = not known. */
    private int partitionCount;

    /** Empty state with the given window and lateness. */
    public PartitionAnalytics(AnalyticsSettings settings) {
        this.settings = settings;
    }

    /** Takes the next reading; returns its derived record, or null for a duplicate or too-late reading. */
    public DerivedRecord process(Reading r) {
        RoomState room = rooms.get(r.roomId());
        if (room == null) {
            room = new RoomState();
            rooms.put(r.roomId(), room);
        }
        lastJudgement = room.judge(r, settings.latenessMillis());
        if (lastJudgement.duplicate()) {
            duplicates++;
            return null;
        }
        if (lastJudgement == Judgement.TOO_LATE) {
            tooLate++;
            return null;
        }
        return room.accept(r, settings);
    }

    /** The judgement of the reading of the last {@link #process} call. */
    public Judgement lastJudgement() {
        return lastJudgement;
    }

    /**
     * Takes back a derived record already written to the output (rebuilding state after a restart): the record is
     * an accepted reading, so it is added as one without being judged again (a restart with other settings, or a
     * reading that was late but within the lateness when it was accepted, must not change what was published).
     * A record whose seq is not above the room's highest is a replayed copy and is skipped.
     */
    public void restore(DerivedRecord written) {
        RoomState room = rooms.computeIfAbsent(written.roomId(), id -> new RoomState());
        room.restore(new Reading(written.roomId(), written.seq(), written.tsMillis(), written.temperature()), settings);
    }

    /**
     * Writes the state of every room (the snapshot body; the caller adds the format header and checksum). Rooms in
     * id order, so the same state always gives the same bytes.
     */
    public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(partitionCount);
        out.writeLong(duplicates);
        out.writeLong(tooLate);
        out.writeInt(rooms.size());
        for (String id : new java.util.TreeSet<>(rooms.keySet())) {
            out.writeUTF(id);
            rooms.get(id).writeTo(out);
        }
    }

    /** State read back from {@link #writeTo}, for the given settings. */
    public static PartitionAnalytics readFrom(java.io.DataInputStream in, AnalyticsSettings settings)
            throws java.io.IOException {
        PartitionAnalytics p = new PartitionAnalytics(settings);
        p.partitionCount = in.readInt();
        if (p.partitionCount < 0) {
            throw new java.io.IOException("negative partition count");
        }
        p.duplicates = in.readLong();
        p.tooLate = in.readLong();
        int n = in.readInt();
        if (n < 0) {
            throw new java.io.IOException("negative room count");
        }
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            p.rooms.put(id, RoomState.readFrom(in));
        }
        return p;
    }

    /**
     * Takes over the rooms of {@code other} (another partition's state) that {@code owned} says belong here now: each
     * becomes the union of its readings here and there ({@link RoomState#union}). Returns how many rooms it took.
     */
    public int takeRooms(PartitionAnalytics other, java.util.function.Predicate<String> owned) {
        int taken = 0;
        for (Map.Entry<String, RoomState> e : other.rooms.entrySet()) {
            if (e.getValue().size() == 0 || !owned.test(e.getKey())) {
                continue;
            }
            RoomState mine = rooms.get(e.getKey());
            rooms.put(e.getKey(), mine == null ? e.getValue().union(new RoomState(), settings)
                    : mine.union(e.getValue(), settings));
            taken++;
        }
        return taken;
    }

    /** The input partition count this state's room ownership was settled for (0: not known, e.g. rebuilt). */
    public int partitionCount() {
        return partitionCount;
    }

    /** Records that this state's rooms are those its partition owns with {@code count} input partitions. */
    public void partitionCount(int count) {
        partitionCount = count;
    }

    /** Offset in the output partition after every derived record this state includes. */
    public long outputPosition() {
        return outputPosition;
    }

    /** Records that this state includes the output up to (not including) {@code offset}. */
    public void outputPosition(long offset) {
        outputPosition = Math.max(outputPosition, offset);
    }

    /** Readings held over all rooms (the size of the state). */
    public long heldReadings() {
        long n = 0;
        for (RoomState r : rooms.values()) {
            n += r.size();
        }
        return n;
    }

    /**
     * An estimate of the heap the state takes: per room its four primitive arrays (as allocated), the room object,
     * its map entry and its id string (the JVM's usual 12-16 byte headers, compressed references).
     */
    public long estimatedBytes() {
        long bytes = 64;
        for (Map.Entry<String, RoomState> e : rooms.entrySet()) {
            bytes += e.getValue().estimatedBytes() + 48 + 40 + e.getKey().length();
        }
        return bytes;
    }

    /** Readings dropped as duplicates so far. */
    public long duplicates() {
        return duplicates;
    }

    /** Readings dropped as too late so far. */
    public long tooLate() {
        return tooLate;
    }

    /** The newest accepted event time of a room (what a too-late reading is measured against); 0 if unknown. */
    public long maxTs(String roomId) {
        RoomState room = rooms.get(roomId);
        return room == null ? 0 : room.maxTs();
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
