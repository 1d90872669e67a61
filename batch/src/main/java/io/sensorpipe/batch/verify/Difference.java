package io.sensorpipe.batch.verify;

import io.sensorpipe.common.Names;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One way the stored derived records differ from the recomputed ones.
 *
 * @param roomId the room
 * @param seq    the reading's sequence number
 * @param kind   missing, extra or mismatch
 * @param detail for a mismatch the differing fields ("rollingAvg expected 21.5 stored 99.0"), else empty
 */
public record Difference(String roomId, long seq, Kind kind, String detail) implements Serializable, Comparable<Difference> {
    private static final Comparator<Difference> ORDER = Comparator.comparing(Difference::roomId)
            .thenComparingLong(Difference::seq).thenComparing(Difference::kind);

    /** How a stored record differs. */
    public enum Kind {
        /** Expected from the readings but not stored. */
        MISSING,
        /** Stored but not expected (no such accepted reading). */
        EXTRA,
        /** Stored and expected, with at least one differing field. */
        MISMATCH
    }

    @Override
    public int compareTo(Difference other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + Names.documentId(roomId, seq) + (detail.isEmpty() ? "" : ": " + detail);
    }
}
