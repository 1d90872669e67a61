package io.sensorpipe.sink.write;

/**
 * What one acknowledged batch did.
 *
 * @param inserted    documents newly stored
 * @param duplicates  documents that were already stored (a replay)
 * @param deadLetters records sent to the dead letters
 * @param retries     transient failures retried before the batch was acknowledged
 */
public record BulkOutcome(long inserted, long duplicates, long deadLetters, int retries) {
}
