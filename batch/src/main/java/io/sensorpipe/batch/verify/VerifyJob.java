package io.sensorpipe.batch.verify;

import io.sensorpipe.batch.MongoStore;
import io.sensorpipe.batch.StoredSchemas;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.StoredFields;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.time.Duration;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The verify job on Spark: group readings and stored derived records by room (cogroup), check each room with
 * {@link RoomCheck} on the executors, and sum the per-room reports. Only the reports travel to the driver.
 */
public final class VerifyJob {
    /** The window used when neither the flag nor any stored record gives one. */
    public static final int DEFAULT_WINDOW_SECONDS = 60;

    private VerifyJob() {
    }

    /** What to check against: the window (null = take the stored records' most frequent), lateness, examples. */
    public record Settings(Integer windowSeconds, Duration lateness, int maxExamples) {
    }

    /** The outcome plus the window actually used. */
    public record Outcome(VerifyReport report, int windowSeconds, boolean windowFromStore) {
    }

    /** Reads both collections and verifies every room. */
    public static Outcome verify(SparkSession spark, MongoStore store, Settings settings) {
        JavaRDD<ArrivedReading> readings = store.read(spark, Names.COLL_READINGS, StoredSchemas.READINGS)
                .filter(col(StoredFields.ROOM_ID).isNotNull().and(col(StoredFields.SEQ).isNotNull()).and(col(StoredFields.TS).isNotNull())
                        .and(col(StoredFields.TEMPERATURE).isNotNull()))
                .javaRDD().map(StoredRows::arrived);
        JavaRDD<DerivedRecord> stored = store.read(spark, Names.COLL_ANALYTICS, StoredSchemas.ANALYTICS)
                .filter(col(StoredFields.ROOM_ID).isNotNull().and(col(StoredFields.SEQ).isNotNull()))
                .javaRDD().map(StoredRows::analytics)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            int window = settings.windowSeconds() != null ? settings.windowSeconds() : storedWindow(stored);
            RoomCheck check = new RoomCheck(Duration.ofSeconds(window), settings.lateness(), settings.maxExamples());
            int max = settings.maxExamples();
            // why cogroup: each room's readings and records meet on one executor; rooms spread over the cluster
            JavaPairRDD<String, ArrivedReading> readingsByRoom = readings.keyBy(a -> a.reading().roomId());
            JavaPairRDD<String, DerivedRecord> storedByRoom = stored.keyBy(DerivedRecord::roomId);
            VerifyReport report = readingsByRoom.cogroup(storedByRoom).values()
                    .map(room -> check.check(room._1(), room._2()))
                    .fold(VerifyReport.EMPTY, (a, b) -> a.plus(b, max));
            return new Outcome(report, window, settings.windowSeconds() == null);
        } finally {
            stored.unpersist(false);
        }
    }

    /** The most frequent windowSeconds among the stored records, or the default when there are none. */
    private static int storedWindow(JavaRDD<DerivedRecord> stored) {
        Map<Integer, Long> counts = stored.map(DerivedRecord::windowSeconds).countByValue();
        return counts.entrySet().stream().filter(e -> e.getKey() > 0)
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry::getKey, (x, y) -> y - x))
                .map(Map.Entry::getKey).orElse(DEFAULT_WINDOW_SECONDS);
    }
}
