package io.sensorpipe.producer;

/**
 * How many faults a generator injected, by kind, so tests and summaries can account for every record.
 *
 * @param duplicates   re-sent earlier readings
 * @param outOfOrder   readings whose event time was moved back
 * @param gaps         places where sequence numbers were skipped
 * @param skippedSeqs  sequence numbers skipped in total (at least {@code gaps})
 * @param malformed    bad payloads sent
 */
public record FaultCounts(long duplicates, long outOfOrder, long gaps, long skippedSeqs, long malformed) {
    @Override
    public String toString() {
        return "duplicates=" + duplicates + " out-of-order=" + outOfOrder + " gaps=" + gaps
                + " (skipped seqs=" + skippedSeqs + ") malformed=" + malformed;
    }
}
