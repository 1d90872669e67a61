package io.sensorpipe.launcher.run;

/**
 * One snapshot of the pipeline's progress, computed from Kafka end offsets, consumer group lag and MongoDB counts.
 * A lag or batch time of -1 means "not known" (the group has not committed yet, the Spark UI is not reachable).
 *
 * @param produced     records on {@code readings} (sum of end offsets)
 * @param processed    derived records on {@code alpha} (sum of end offsets)
 * @param dlqTopic     records on {@code readings.dlq}
 * @param storedRaw    documents in {@code sensors.readings}
 * @param storedDerived documents in {@code sensors.room_analytics}
 * @param deadLetters  documents in {@code sensors.dead_letters}
 * @param jobLag       lag of the streaming job's consumer group on {@code readings}
 * @param rawLag       lag of {@code sink-raw} on {@code readings}
 * @param derivedLag   lag of {@code sink-derived} on {@code alpha}
 * @param batchMillis  processing time of the last completed Spark batch
 */
public record Status(long produced, long processed, long dlqTopic, long storedRaw, long storedDerived,
                     long deadLetters, long jobLag, long rawLag, long derivedLag, long batchMillis, long lateOnTopic,
                     long lateLag) {

    /** A snapshot without late readings (nothing on {@code readings.late}). */
    public Status(long produced, long processed, long dlqTopic, long storedRaw, long storedDerived, long deadLetters,
                  long jobLag, long rawLag, long derivedLag, long batchMillis) {
        this(produced, processed, dlqTopic, storedRaw, storedDerived, deadLetters, jobLag, rawLag, derivedLag,
                batchMillis, 0, -1);
    }

    /** True when every known lag is zero and every consumer group has committed something. */
    public boolean sinksCaughtUp() {
        return rawLag == 0 && derivedLag == 0;
    }

    /** True when the counts that move while data flows are the same in both snapshots. */
    public boolean sameCounts(Status other) {
        return other != null && produced == other.produced && processed == other.processed
                && dlqTopic == other.dlqTopic && storedRaw == other.storedRaw
                && storedDerived == other.storedDerived && deadLetters == other.deadLetters
                && lateOnTopic == other.lateOnTopic;
    }

    /** This snapshot with the batch time replaced. */
    public Status withBatchMillis(long millis) {
        return new Status(produced, processed, dlqTopic, storedRaw, storedDerived, deadLetters, jobLag, rawLag,
                derivedLag, millis, lateOnTopic, lateLag);
    }
}
