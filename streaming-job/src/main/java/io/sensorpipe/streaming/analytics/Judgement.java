package io.sensorpipe.streaming.analytics;

/** What the analytics did with one reading (DESIGN.md "Analytics semantics"). */
public enum Judgement {
    /** Accepted: it has a derived record. */
    ACCEPTED,
    /** Its seq is not above the room's highest, and it equals the accepted reading with that seq (or that one is no
     * longer held, so it cannot be compared): a plain re-send. */
    DUPLICATE,
    /** A duplicate whose event time or temperature differs from the accepted reading with the same seq. */
    CONFLICTING_DUPLICATE,
    /** A duplicate whose seq was never accepted: it arrived after a higher seq of its room (out of seq order). */
    OUT_OF_ORDER,
    /** More than L behind the room's newest event time. */
    TOO_LATE;

    /** Not accepted, and published on the late topic for users to see (everything but a plain re-send). */
    public boolean shown() {
        return this == CONFLICTING_DUPLICATE || this == OUT_OF_ORDER || this == TOO_LATE;
    }

    /** A duplicate of any kind (all counted as duplicates). */
    public boolean duplicate() {
        return this == DUPLICATE || this == CONFLICTING_DUPLICATE || this == OUT_OF_ORDER;
    }
}
