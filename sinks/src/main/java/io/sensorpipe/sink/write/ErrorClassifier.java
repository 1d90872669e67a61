package io.sensorpipe.sink.write;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.bulk.BulkWriteError;

import java.util.Set;

/** Sorts MongoDB errors into duplicate, transient, poison and fatal; the one place that knows the codes. */
public final class ErrorClassifier {
    /** E11000 and its legacy variants. */
    static final Set<Integer> DUPLICATE_KEY = Set.of(11000, 11001, 12582);
    /** Server codes that mean "try again later": network, election, shutdown, time limits, write concern. */
    static final Set<Integer> TRANSIENT_CODES = Set.of(
            6,      // HostUnreachable
            7,      // HostNotFound
            50,     // MaxTimeMSExpired
            64,     // WriteConcernFailed
            89,     // NetworkTimeout
            91,     // ShutdownInProgress
            189,    // PrimarySteppedDown
            262,    // ExceededTimeLimit
            9001,   // SocketException
            10107,  // NotWritablePrimary
            11600,  // InterruptedAtShutdown
            11602,  // InterruptedDueToReplStateChange
            13435,  // NotPrimaryNoSecondaryOk
            13436); // NotPrimaryOrSecondary
    /** Codes that no retry will cure for any record: authentication and authorisation. */
    static final Set<Integer> FATAL_CODES = Set.of(13, 18, 8000);

    private ErrorClassifier() {
    }

    /** One record's error inside a bulk write. */
    public static WriteFailure classify(BulkWriteError error) {
        return classifyCode(error.getCode(), WriteFailure.POISON);
    }

    /** An exception thrown by a whole bulk write (not a {@link MongoBulkWriteException}, which is per record). */
    public static WriteFailure classify(MongoException e) {
        if (e instanceof MongoSocketException || e instanceof MongoTimeoutException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoExecutionTimeoutException || e instanceof MongoWriteConcernException
                || e instanceof MongoInterruptedException) {
            return WriteFailure.TRANSIENT;
        }
        if (e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || e.hasErrorLabel("RetryableWriteError")
                || e.hasErrorLabel("RetryableError")) {
            return WriteFailure.TRANSIENT;
        }
        if (e instanceof MongoCommandException c) {
            return classifyCode(c.getErrorCode(), WriteFailure.FATAL);
        }
        return classifyCode(e.getCode(), WriteFailure.FATAL);
    }

    private static WriteFailure classifyCode(int code, WriteFailure otherwise) {
        if (DUPLICATE_KEY.contains(code)) {
            return WriteFailure.DUPLICATE;
        }
        if (TRANSIENT_CODES.contains(code)) {
            return WriteFailure.TRANSIENT;
        }
        if (FATAL_CODES.contains(code)) {
            return WriteFailure.FATAL;
        }
        return otherwise;
    }
}
