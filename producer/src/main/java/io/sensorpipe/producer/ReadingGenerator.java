package io.sensorpipe.producer;

import io.sensorpipe.common.CanonicalEncoder;
import io.sensorpipe.common.Reading;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded source of room readings, rooms taken in turn, with fault injection. The same seed, start time and
 * resume positions give the same records byte for byte. Injected faults are counted ({@link #faults()}).
 * A duplicate or malformed record always directly follows a fresh reading of its room, never another fault.
 */
public final class ReadingGenerator {
    /** Largest step back in event time of an out-of-order reading. */
    static final long MAX_OUT_OF_ORDER_MILLIS = 60_000;
    /** Most sequence numbers skipped by one gap. */
    static final int MAX_GAP = 3;

    private final SimulatedRoom[] rooms;
    private final long intervalMillis;
    private final java.util.function.LongSupplier wallClock;
    private final FaultRates rates;
    private final SplittableRandom rnd;
    private final MalformedPayloads malformed = new MalformedPayloads();
    private final CanonicalEncoder encoder = new CanonicalEncoder();
    private final ArrayDeque<Emission> pending = new ArrayDeque<>(4);
    private int cursor;
    private long readings;
    private long duplicates;
    private long outOfOrder;
    private long gaps;
    private long skippedSeqs;
    private long malformedCount;

    /**
     * @param roomCount      rooms room-001 .. room-N
     * @param seed           the seed of every random choice
     * @param startMillis    event time of the first reading (room i starts i/N of an interval later)
     * @param intervalMillis event-time spacing of one room's readings
     * @param rates          fault rates
     * @param resume         what the topic already holds per room: continue after it (missing rooms start at 1)
     */
    public ReadingGenerator(int roomCount, long seed, long startMillis, long intervalMillis, FaultRates rates,
                            Map<String, RoomTail> resume) {
        this(roomCount, seed, startMillis, intervalMillis, rates, resume, null);
    }

    /**
     * A generator whose event time follows {@code wallClock} (null: the simulated clock, which advances
     * {@code intervalMillis} per reading of a room): each reading is stamped with the time it is made, never
     * earlier than the room's previous one.
     */
    public ReadingGenerator(int roomCount, long seed, long startMillis, long intervalMillis, FaultRates rates,
                            Map<String, RoomTail> resume, java.util.function.LongSupplier wallClock) {
        this.wallClock = wallClock;
        this.intervalMillis = intervalMillis;
        this.rates = rates;
        this.rnd = new SplittableRandom(seed);
        this.rooms = new SimulatedRoom[roomCount];
        for (int i = 0; i < roomCount; i++) {
            String id = SimulatedRoom.roomId(i);
            long clock = startMillis + i * intervalMillis / roomCount;
            long seq = 1;
            RoomTail tail = resume.get(id);
            if (tail != null) {
                seq = tail.lastSeq() + 1;
                clock = Math.max(clock, tail.lastTsMillis() + intervalMillis);
            }
            RoomModel model = new RoomModel(new SplittableRandom(seed * 31 + i));
            rooms[i] = new SimulatedRoom(id, model, seq, clock);
        }
    }

    /** The ids of {@code roomCount} simulated rooms in order: room-001, room-002, ... */
    public static List<String> roomIds(int roomCount) {
        return java.util.stream.IntStream.range(0, roomCount).mapToObj(SimulatedRoom::roomId).toList();
    }

    /** The next record: a pending fault of the previous reading, or the next room's fresh reading. */
    public Emission next() {
        Emission queued = pending.poll();
        return queued != null ? queued : nextReading();
    }

    /** True while faults of the last reading are still waiting to be emitted. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Per room, the seq the next fresh reading would get. */
    public Map<String, Long> nextSeqs() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (SimulatedRoom r : rooms) {
            m.put(r.roomId, r.nextSeq);
        }
        return m;
    }

    /** Fresh readings generated so far (duplicates and malformed records not included). */
    public long readings() {
        return readings;
    }

    /** The faults injected so far. */
    public FaultCounts faults() {
        return new FaultCounts(duplicates, outOfOrder, gaps, skippedSeqs, malformedCount);
    }

    private Emission nextReading() {
        SimulatedRoom room = rooms[cursor];
        cursor = cursor + 1 == rooms.length ? 0 : cursor + 1;
        if (chance(rates.gap())) {
            int skip = 1 + rnd.nextInt(MAX_GAP);
            room.nextSeq += skip;
            if (wallClock == null) {
                room.clockMillis += skip * intervalMillis;   // the lost readings took their time too
            }
            gaps++;
            skippedSeqs += skip;
        }
        if (wallClock != null) {
            room.clockMillis = Math.max(room.clockMillis, wallClock.getAsLong());
        }
        long ts = room.clockMillis;
        double temperature = room.model.next(ts, rnd);
        if (chance(rates.outOfOrder())) {
            ts -= 1 + rnd.nextLong(MAX_OUT_OF_ORDER_MILLIS);
            outOfOrder++;
        }
        Reading reading = new Reading(room.roomId, room.nextSeq, ts, temperature);
        byte[] value = encoder.encode(reading);   // = Codec.encode(reading), without a codec lookup per reading
        room.remember(reading, value);
        room.nextSeq++;
        if (wallClock == null) {
            room.clockMillis += intervalMillis;
        }
        readings++;
        queueFaults(room, reading);
        return new Emission(Emission.Kind.READING, reading, room.key, value);
    }

    private void queueFaults(SimulatedRoom room, Reading reading) {
        if (chance(rates.duplicate())) {
            pending.add(room.duplicate(rnd));
            duplicates++;
        }
        if (chance(rates.malformed())) {
            pending.add(new Emission(Emission.Kind.MALFORMED, null, room.key, malformed.next(reading)));
            malformedCount++;
        }
    }

    private boolean chance(double rate) {
        return rate > 0 && rnd.nextDouble() < rate;
    }
}
