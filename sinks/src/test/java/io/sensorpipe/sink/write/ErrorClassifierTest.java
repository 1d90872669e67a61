package io.sensorpipe.sink.write;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorClassifierTest {
    private static final ServerAddress SERVER = new ServerAddress("localhost", 27017);

    private static BulkWriteError writeError(int code) {
        return new BulkWriteError(code, "error " + code, new BsonDocument(), 0);
    }

    private static BsonDocument reply(int code) {
        return new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("errmsg", new BsonString("error " + code));
    }

    @Test
    void duplicateKeyMeansAlreadyStored() {
        assertEquals(WriteFailure.DUPLICATE, ErrorClassifier.classify(writeError(11000)));
    }

    @Test
    void documentValidationFailureIsPoison() {
        assertEquals(WriteFailure.POISON, ErrorClassifier.classify(writeError(121)));
    }

    @Test
    void anyOtherPerRecordErrorIsPoison() {
        assertEquals(WriteFailure.POISON, ErrorClassifier.classify(writeError(2)));      // BadValue
        assertEquals(WriteFailure.POISON, ErrorClassifier.classify(writeError(10334)));  // BSONObjectTooLarge
    }

    @Test
    void perRecordNotPrimaryOrShutdownIsTransient() {
        assertEquals(WriteFailure.TRANSIENT, ErrorClassifier.classify(writeError(10107)));
        assertEquals(WriteFailure.TRANSIENT, ErrorClassifier.classify(writeError(91)));
    }

    @Test
    void networkAndServerSelectionFailuresAreTransient() {
        assertEquals(WriteFailure.TRANSIENT, ErrorClassifier.classify(
                new MongoSocketOpenException("connection refused", SERVER, new IOException("refused"))));
        assertEquals(WriteFailure.TRANSIENT, ErrorClassifier.classify(
                new MongoSocketReadTimeoutException("read timed out", SERVER, new IOException("timeout"))));
        assertEquals(WriteFailure.TRANSIENT, ErrorClassifier.classify(
                new MongoTimeoutException("Timed out after 5000 ms while waiting for a server")));
    }

    @Test
    void primaryChangeIsTransient() {
        assertEquals(WriteFailure.TRANSIENT, ErrorClassifier.classify(new MongoNotPrimaryException(reply(10107), SERVER)));
        assertEquals(WriteFailure.TRANSIENT, ErrorClassifier.classify(new MongoCommandException(reply(189), SERVER)));
    }

    @Test
    void retryableErrorLabelIsTransient() {
        MongoException e = new MongoException(12345, "something odd");
        e.addLabel("RetryableWriteError");
        assertEquals(WriteFailure.TRANSIENT, ErrorClassifier.classify(e));
    }

    @Test
    void unauthorisedIsFatal() {
        assertEquals(WriteFailure.FATAL, ErrorClassifier.classify(new MongoCommandException(reply(13), SERVER)));
        assertEquals(WriteFailure.FATAL, ErrorClassifier.classify(writeError(13)));
    }

    @Test
    void backoffGrowsWithinJitterBoundsAndStopsAtTheCap() {
        Backoff b = new Backoff(100, 1000);
        for (int i = 0; i < 50; i++) {
            long first = b.delayMillis(1);
            long third = b.delayMillis(3);
            long late = b.delayMillis(40);
            assertEquals(true, first >= 50 && first <= 100, "attempt 1: " + first);
            assertEquals(true, third >= 200 && third <= 400, "attempt 3: " + third);
            assertEquals(true, late >= 500 && late <= 1000, "attempt 40: " + late);
        }
    }
}
