package io.sensorpipe.producer;

import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one simulator run.
 *
 * @param readings      fresh readings generated
 * @param sent          records handed to the producer (readings + duplicates + malformed)
 * @param acked         records acknowledged by Kafka
 * @param failed        records Kafka did not accept
 * @param faults        faults injected by kind
 * @param durationMillis wall time from the first send to the last acknowledgement
 * @param resumedFrom   where each room continued from (rooms absent started at seq 1)
 * @param nextSeq       per room, the seq the next run must start from at the earliest
 */
public record SimulatorSummary(long readings, long sent, long acked, long failed, FaultCounts faults,
                               long durationMillis, Map<String, RoomTail> resumedFrom, Map<String, Long> nextSeq) {
    /** Acknowledged records per second. */
    public double ratePerSecond() {
        return durationMillis == 0 ? 0 : acked * 1000.0 / durationMillis;
    }

    /** The human-readable summary line. */
    public String line() {
        return String.format(Locale.ROOT, "summary: readings=%d sent=%d acked=%d failed=%d faults: %s"
                        + " duration=%.1fs rate=%.0f records/s",
                readings, sent, acked, failed, faults, durationMillis / 1000.0, ratePerSecond());
    }
}
