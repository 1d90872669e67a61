package io.sensorpipe.streaming.state;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides, record by record in alpha-partition order, which derived records belong to committed work and may
 * rebuild the state (DESIGN.md "State is rebuilt from committed work only"):
 * <ul>
 *   <li>derived from an input offset below the position the state is rebuilt for (later ones belong to input
 *       that will be processed again, and will be derived again, byte for byte);</li>
 *   <li>part of the gap-free prefix of the attempt that wrote it: once one record of an attempt is missing (a send
 *       failed, later ones of the same attempt went through), the rest of that attempt is not trusted, because the
 *       retry writes the whole batch again;</li>
 *   <li>written by the job (its provenance headers) with the settings it now runs with.</li>
 * </ul>
 * Pure logic, no Kafka: {@code AlphaRebuilder} feeds it.
 */
public final class CommittedOutput {
    /** Why a record was or was not taken. */
    public enum Verdict { TAKE, IN_SNAPSHOT, UNCOMMITTED, BROKEN_ATTEMPT, FOREIGN, OTHER_SETTINGS }

    private final long snapshotBefore;
    private final long committedBefore;
    private final String settings;
    /** Per attempt, the index expected next; -1 once the attempt had a hole. */
    private final Map<Long, Long> nextIndex = new HashMap<>();

    /**
     * @param committedBefore input offset the state is rebuilt for (records derived from it or later are not taken)
     * @param settings        the settings tag the job runs with
     */
    public CommittedOutput(long committedBefore, String settings) {
        this(Long.MIN_VALUE, committedBefore, settings);
    }

    /**
     * @param snapshotBefore  input offset the restored snapshot covers (output of input below it is in the snapshot)
     * @param committedBefore input offset the state is rebuilt for
     * @param settings        the settings tag the job runs with
     */
    public CommittedOutput(long snapshotBefore, long committedBefore, String settings) {
        this.snapshotBefore = snapshotBefore;
        this.committedBefore = committedBefore;
        this.settings = settings;
    }

    /** The verdict on the next alpha record (call in offset order); {@code p} null when it has no provenance. */
    public Verdict judge(Provenance p) {
        if (p == null) {
            return Verdict.FOREIGN;
        }
        if (p.sourceOffset() < snapshotBefore) {
            return Verdict.IN_SNAPSHOT;   // before any attempt bookkeeping: such attempts began before the snapshot
        }
        Long expected = nextIndex.get(p.attempt());
        boolean contiguous = expected == null ? p.index() == 0 : expected == p.index();
        nextIndex.put(p.attempt(), contiguous ? p.index() + 1 : -1L);
        if (!contiguous) {
            return Verdict.BROKEN_ATTEMPT;
        }
        if (p.sourceOffset() >= committedBefore) {
            return Verdict.UNCOMMITTED;
        }
        return settings.equals(p.settings()) ? Verdict.TAKE : Verdict.OTHER_SETTINGS;
    }
}
