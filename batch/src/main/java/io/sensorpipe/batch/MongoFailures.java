package io.sensorpipe.batch;

import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import io.sensorpipe.common.config.ServiceException;

/** Turns a MongoDB failure buried in a Spark exception into one clear line (exit 1) naming the server. */
final class MongoFailures {
    private MongoFailures() {
    }

    /** A ServiceException when a MongoDB error is in the cause chain, else the exception unchanged. */
    static RuntimeException explain(RuntimeException e, MongoStore store) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoException) {
                return new ServiceException("MongoDB at " + hosts(store.uri()) + " (database " + store.database()
                        + "): " + firstLine(t.getMessage()), e);
            }
        }
        return e;
    }

    /** The hosts of a connection string, never its credentials. */
    static String hosts(String uri) {
        try {
            return String.join(",", new ConnectionString(uri).getHosts());
        } catch (IllegalArgumentException e) {
            return "(unparseable URI)";
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
