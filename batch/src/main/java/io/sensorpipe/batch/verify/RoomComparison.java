package io.sensorpipe.batch.verify;

import io.sensorpipe.batch.verify.Difference.Kind;
import io.sensorpipe.common.DerivedRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares one room's recomputed derived records with the stored ones, matched by seq. Pure Java. */
public final class RoomComparison {
    private RoomComparison() {
    }

    /**
     * Counts missing, extra and mismatching records of one room.
     *
     * @param readings    how many raw readings the room has (reported, not compared)
     * @param expected    the recomputed records
     * @param stored      the records read from the database
     * @param maxExamples how many differences to keep as examples
     */
    public static VerifyReport compare(long readings, List<DerivedRecord> expected, Collection<DerivedRecord> stored,
                                       int maxExamples) {
        Map<Long, DerivedRecord> storedBySeq = new HashMap<>();
        stored.forEach(s -> storedBySeq.put(s.seq(), s));
        List<Difference> differences = new ArrayList<>();
        long missing = 0;
        long mismatching = 0;
        for (DerivedRecord e : expected) {
            DerivedRecord s = storedBySeq.remove(e.seq());
            if (s == null) {
                missing++;
                differences.add(new Difference(e.roomId(), e.seq(), Kind.MISSING, ""));
                continue;
            }
            List<String> fields = FieldDifferences.between(e, s);
            if (!fields.isEmpty()) {
                mismatching++;
                differences.add(new Difference(e.roomId(), e.seq(), Kind.MISMATCH, String.join(", ", fields)));
            }
        }
        storedBySeq.values().forEach(s -> differences.add(new Difference(s.roomId(), s.seq(), Kind.EXTRA, "")));
        differences.sort(null);
        List<Difference> examples = List.copyOf(differences.subList(0, Math.min(maxExamples, differences.size())));
        return new VerifyReport(1, readings, expected.size(), stored.size(), missing, storedBySeq.size(), mismatching,
                examples);
    }
}
