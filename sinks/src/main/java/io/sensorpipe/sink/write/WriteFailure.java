package io.sensorpipe.sink.write;

/** How the sink treats a failed write. */
public enum WriteFailure {
    /** Duplicate key: the document is already stored, which counts as success. */
    DUPLICATE,
    /** Network, timeout, primary change, shutdown: retry the remaining batch later, commit nothing meanwhile. */
    TRANSIENT,
    /** The record can never be stored (validation failure or any other per-record error): dead letter. */
    POISON,
    /** The database refuses all work (authentication, authorisation, bad configuration): stop the sink. */
    FATAL
}
