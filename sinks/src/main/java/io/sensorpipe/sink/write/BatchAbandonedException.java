package io.sensorpipe.sink.write;

/** The batch was given up before MongoDB acknowledged it (partitions revoked or sink stopping): commit nothing. */
public class BatchAbandonedException extends RuntimeException {
    /** Creates the exception. */
    public BatchAbandonedException(String why) {
        super(why, null, false, false);
    }
}
