package io.sensorpipe.batch.verify;

import io.sensorpipe.batch.verify.Difference.Kind;
import io.sensorpipe.common.DerivedRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomComparisonTest {
    private static DerivedRecord record(long seq, Double change, double avg) {
        return new DerivedRecord("room-001", seq, 1_000L * seq, 20.0 + seq, change, 0, avg, 20.0, 20.0 + seq,
                (int) seq, 60);
    }

    private static List<DerivedRecord> threeRecords() {
        return List.of(record(1, null, 21.0), record(2, 1.0, 21.5), record(3, 1.0, 22.0));
    }

    @Test
    void identicalRecordsAreClean() {
        VerifyReport r = RoomComparison.compare(3, threeRecords(), new ArrayList<>(threeRecords()), 10);
        assertTrue(r.clean());
        assertEquals(3, r.expected());
        assertEquals(3, r.stored());
        assertTrue(r.examples().isEmpty());
    }

    @Test
    void deletedRecordIsMissing() {
        VerifyReport r = RoomComparison.compare(3, threeRecords(), List.of(record(1, null, 21.0), record(3, 1.0, 22.0)), 10);
        assertEquals(1, r.missing());
        assertEquals(0, r.extra());
        assertEquals(0, r.mismatching());
        assertEquals(List.of(new Difference("room-001", 2, Kind.MISSING, "")), r.examples());
    }

    @Test
    void storedRecordWithoutAcceptedReadingIsExtra() {
        List<DerivedRecord> stored = new ArrayList<>(threeRecords());
        stored.add(record(9, 1.0, 25.0));
        VerifyReport r = RoomComparison.compare(3, threeRecords(), stored, 10);
        assertEquals(1, r.extra());
        assertEquals(0, r.missing());
        assertEquals(Kind.EXTRA, r.examples().get(0).kind());
        assertEquals(9, r.examples().get(0).seq());
    }

    @Test
    void rollingAvgDifferingInTheLastBitIsAMismatch() {
        double avg = 21.5;
        List<DerivedRecord> stored = List.of(record(1, null, 21.0), record(2, 1.0, Math.nextUp(avg)), record(3, 1.0, 22.0));
        VerifyReport r = RoomComparison.compare(3, threeRecords(), stored, 10);
        assertEquals(1, r.mismatching());
        assertEquals("rollingAvg expected 21.5 stored " + Math.nextUp(avg), r.examples().get(0).detail());
    }

    @Test
    void zeroChangeInsteadOfNullOnFirstReadingIsAMismatch() {
        List<DerivedRecord> stored = List.of(record(1, 0.0, 21.0), record(2, 1.0, 21.5), record(3, 1.0, 22.0));
        VerifyReport r = RoomComparison.compare(3, threeRecords(), stored, 10);
        assertEquals(1, r.mismatching());
        assertEquals("change expected null stored 0.0", r.examples().get(0).detail());
    }

    @Test
    void everyDifferingFieldIsNamed() {
        DerivedRecord e = record(2, 1.0, 21.5);
        DerivedRecord s = new DerivedRecord("room-001", 2, e.tsMillis() + 1, e.temperature(), 2.0, 1, 21.5, 19.0,
                e.rollingMax(), 7, 30);
        assertEquals(List.of("ts expected 2000 stored 2001", "change expected 1.0 stored 2.0", "gap expected 0 stored 1",
                "rollingMin expected 20.0 stored 19.0", "rollingCount expected 2 stored 7",
                "windowSeconds expected 60 stored 30"), FieldDifferences.between(e, s));
    }

    @Test
    void examplesAreCappedAndInSeqOrderWhileCountsAreComplete() {
        VerifyReport r = RoomComparison.compare(3, threeRecords(), List.of(), 2);
        assertEquals(3, r.missing());
        assertEquals(List.of(1L, 2L), r.examples().stream().map(Difference::seq).toList());
        assertFalse(r.clean());
    }

    @Test
    void reportsOfTwoRoomsAddUpAndKeepTheSmallestExamples() {
        VerifyReport a = new VerifyReport(1, 5, 5, 4, 1, 0, 0, List.of(new Difference("room-002", 3, Kind.MISSING, "")));
        VerifyReport b = new VerifyReport(1, 5, 5, 6, 0, 1, 1, List.of(
                new Difference("room-001", 7, Kind.EXTRA, ""), new Difference("room-001", 9, Kind.MISMATCH, "gap")));
        VerifyReport sum = a.plus(b, 2);
        assertEquals(new VerifyReport(2, 10, 10, 10, 1, 1, 1, List.of(b.examples().get(0), b.examples().get(1))), sum);
        assertEquals(sum, b.plus(a, 2));
    }
}
