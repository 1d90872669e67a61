package io.sensorpipe.sink;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/** Readiness condition "connected to MongoDB": a {@code ping} command, its answer kept for 2 s. */
final class MongoPing {
    private static final long KEEP_NANOS = 2_000_000_000L;

    private final MongoDatabase db;
    private long checkedNanos;
    private boolean ok;
    private boolean checked;

    MongoPing(MongoDatabase db) {
        this.db = db;
    }

    /** True when MongoDB answered a ping (now or within the last 2 s). */
    synchronized boolean ok() {
        long now = System.nanoTime();
        if (!checked || now - checkedNanos > KEEP_NANOS) {
            try {
                db.runCommand(new Document("ping", 1));
                ok = true;
            } catch (RuntimeException e) {
                ok = false;
            }
            checked = true;
            checkedNanos = System.nanoTime();
        }
        return ok;
    }
}
