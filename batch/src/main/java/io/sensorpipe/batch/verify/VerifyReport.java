package io.sensorpipe.batch.verify;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts of a verification and the first few differences (in room, seq order), mergeable across rooms.
 *
 * @param rooms       rooms seen in either collection
 * @param readings    raw readings read
 * @param expected    derived records recomputed from the readings
 * @param stored      derived records read from the database
 * @param missing     expected but not stored
 * @param extra       stored but not expected
 * @param mismatching stored and expected but differing in at least one field
 * @param examples    at most the configured number of differences, smallest (roomId, seq) first
 */
public record VerifyReport(long rooms, long readings, long expected, long stored, long missing, long extra,
                           long mismatching, List<Difference> examples) implements Serializable {
    /** The report of nothing at all. */
    public static final VerifyReport EMPTY = new VerifyReport(0, 0, 0, 0, 0, 0, 0, List.of());

    /** True when every expected record is stored, exactly, and nothing else is. */
    public boolean clean() {
        return missing == 0 && extra == 0 && mismatching == 0;
    }

    /** The sum of two reports, keeping the first {@code maxExamples} differences of both. */
    public VerifyReport plus(VerifyReport o, int maxExamples) {
        List<Difference> all = new ArrayList<>(examples);
        all.addAll(o.examples);
        all.sort(null);
        List<Difference> kept = List.copyOf(all.subList(0, Math.min(maxExamples, all.size())));
        return new VerifyReport(rooms + o.rooms, readings + o.readings, expected + o.expected, stored + o.stored,
                missing + o.missing, extra + o.extra, mismatching + o.mismatching, kept);
    }

    /** The one summary line. */
    public String summary() {
        return String.format("verify: %d rooms, %d readings, %d expected, %d stored -> missing=%d extra=%d mismatching=%d%s",
                rooms, readings, expected, stored, missing, extra, mismatching, clean() ? " (OK)" : " (DIFFERENCES)");
    }
}
