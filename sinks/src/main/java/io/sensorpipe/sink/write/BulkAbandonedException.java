package io.sensorpipe.sink.write;

/** The batch was given up before MongoDB acknowledged it (partitions revoked or sink stopping): commit nothing. */
public class BulkAbandonedException extends RuntimeException {
    /** Creates the exception. */
    public BulkAbandonedException(String why) {
        super(why, null, false, false);
    }
}
