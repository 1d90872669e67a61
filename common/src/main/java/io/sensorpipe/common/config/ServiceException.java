package io.sensorpipe.common.config;

/** A service (Kafka, MongoDB) could not be reached or refused the work; the message says which and where. */
public class ServiceException extends RuntimeException {
    /** Creates the exception. */
    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception. */
    public ServiceException(String message) {
        super(message);
    }
}
