package io.sensorpipe.sink.write;

import org.bson.Document;

/**
 * What a {@link BulkWriter} tells about its writes as they happen (the sink's metrics): each bulk write's duration,
 * each document newly stored, each retry's delay. Called on the thread that called {@link BulkWriter#write}, chunk by
 * chunk in record order, also when several bulk writes are in flight; must be cheap and never throw.
 */
public interface WriteObserver {
    /** Observes nothing. */
    WriteObserver NONE = new WriteObserver() {
    };

    /** One bulk write (acknowledged, or failed as a whole or in part) took {@code nanos}. */
    default void bulkWrite(long nanos, int documents) {
    }

    /** {@code document} was newly stored, acknowledged at {@code ackMillis} (wall clock). */
    default void stored(Document document, long ackMillis) {
    }

    /** A transient failure: the writes are retried after {@code delayMillis}. */
    default void retrying(long delayMillis) {
    }

    /** The batch was acknowledged: no retry is pending any more. */
    default void settled() {
    }
}
