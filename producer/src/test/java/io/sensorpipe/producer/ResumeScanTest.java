package io.sensorpipe.producer;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumeScanTest {
    private static final long START = 1_795_000_000_000L;

    private static byte[] key(String room) {
        return room.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] reading(String room, long seq, long ts) {
        return Codec.encode(new Reading(room, seq, ts, 21.5));
    }

    @Test
    void findsHighestSeqAndLatestTsOfEveryRoomDespiteHeavyFaults() {
        ReadingGenerator g = new ReadingGenerator(7, 3, START, 1000, new FaultRates(0.5, 0.3, 0.2, 0.5), Map.of());
        List<Emission> topic = new ArrayList<>();
        while (g.readings() < 5_000 || g.hasPending()) {
            topic.add(g.next());
        }
        Map<String, Long> maxTs = new HashMap<>();
        for (Emission e : topic) {
            if (e.reading() != null) {
                maxTs.merge(e.reading().roomId(), e.reading().tsMillis(), Math::max);
            }
        }
        ResumeScan scan = new ResumeScan(ReadingGenerator.roomIds(7));
        for (int i = topic.size() - 1; i >= 0; i--) {
            scan.offer(topic.get(i).key(), topic.get(i).value());
        }
        for (String room : ReadingGenerator.roomIds(7)) {
            RoomTail tail = scan.tails().get(room);
            assertEquals(g.nextSeqs().get(room) - 1, tail.lastSeq(), room);
            assertTrue(tail.lastTsMillis() <= maxTs.get(room));
            assertTrue(tail.lastTsMillis() >= maxTs.get(room) - ReadingGenerator.MAX_OUT_OF_ORDER_MILLIS - 1000, room);
        }
    }

    @Test
    void duplicateAsNewestRecordDoesNotHideTheHighestSeq() {
        ResumeScan scan = new ResumeScan(List.of("room-001"));
        scan.offer(key("room-001"), reading("room-001", 7, START + 7000));   // newest: a duplicate of seq 7
        assertFalse(scan.settled("room-001"));
        scan.offer(key("room-001"), reading("room-001", 9, START + 9000));
        assertTrue(scan.settled("room-001"));
        scan.offer(key("room-001"), reading("room-001", 8, START + 8000));
        assertEquals(new RoomTail(9, START + 9000), scan.tails().get("room-001"));
    }

    @Test
    void malformedRecordsAreSkippedAndDoNotSettleARoom() {
        ResumeScan scan = new ResumeScan(List.of("room-001"));
        scan.offer(key("room-001"), "not json".getBytes(StandardCharsets.UTF_8));
        scan.offer(key("room-001"), new byte[0]);
        scan.offer(key("room-001"), reading("room-001", 4, START));
        assertFalse(scan.settled("room-001"));
        assertEquals(2, scan.skipped());
        assertEquals(new RoomTail(4, START), scan.tails().get("room-001"));
    }

    @Test
    void recordsOfOtherRoomsAndKeylessRecordsAreIgnored() {
        ResumeScan scan = new ResumeScan(List.of("room-001"));
        scan.offer(key("room-002"), reading("room-002", 99, START));
        scan.offer(null, reading("room-001", 99, START));
        scan.offer(key("room-001"), reading("room-003", 99, START));   // key and payload disagree
        assertTrue(scan.tails().isEmpty());
    }

    @Test
    void simulatedClockFarAheadOfTheWallClockIsStillRead() {
        long farAhead = System.currentTimeMillis() + 30L * 24 * 3600 * 1000;
        ResumeScan scan = new ResumeScan(List.of("room-001"));
        scan.offer(key("room-001"), reading("room-001", 12, farAhead));
        assertEquals(new RoomTail(12, farAhead), scan.tails().get("room-001"));
    }

    @Test
    void roomsOfAPartitionFollowTheDefaultPartitioner() {
        List<String> rooms = ReadingGenerator.roomIds(20);
        int total = 0;
        for (int p = 0; p < 6; p++) {
            total += TopicTailReader.roomsOf(rooms, p, 6).size();
        }
        assertEquals(20, total);
    }
}
