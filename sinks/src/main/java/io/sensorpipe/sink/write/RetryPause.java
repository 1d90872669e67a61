package io.sensorpipe.sink.write;

/** Waits between retries; the sink's consumer loop keeps its group membership alive while it waits. */
@FunctionalInterface
public interface RetryPause {
    /**
     * Waits about {@code millis}.
     *
     * @return false when the batch must be abandoned instead of retried (partitions revoked, sink stopping)
     */
    boolean await(long millis);

    /** A plain sleep, for callers without a consumer. */
    RetryPause SLEEP = millis -> {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    };
}
