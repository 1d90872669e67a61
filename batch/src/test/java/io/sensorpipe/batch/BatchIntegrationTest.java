package io.sensorpipe.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.sensorpipe.batch.rollup.HourRange;
import io.sensorpipe.batch.verify.Difference;
import io.sensorpipe.batch.verify.VerifyJob;
import io.sensorpipe.batch.verify.VerifyReport;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.stack.EmbeddedStack;
import io.sensorpipe.stack.StackConfig;
import org.apache.spark.sql.SparkSession;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rollup and verify on the embedded stack's MongoDB-wire server, through mongo-spark-connector. */
class BatchIntegrationTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration LATENESS = Duration.ofSeconds(300);
    /** 3 rooms x 500 readings 8 s apart: 14:00 to 15:06 UTC, so two hours per room; seq 500 is too late. */
    private static final List<Reading> READINGS = StoredData.readings(3, 500, 8_000, 11);
    private static final List<DerivedRecord> DERIVED = ReferenceAnalytics.compute(READINGS, WINDOW, LATENESS);

    @TempDir
    static Path dataDir;
    private static EmbeddedStack stack;
    private static MongoClient client;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(StackConfig.builder().dataDir(dataDir).build());
        client = MongoClients.create(stack.mongoUri());
        spark = BatchSpark.session("batch-integration-test", "local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** A fresh database per test, holding the readings and (optionally) their reference derived records. */
    private static MongoDatabase database(String name, boolean withDerived) {
        MongoDatabase db = client.getDatabase(name);
        db.drop();
        StoredData.store(db, READINGS, withDerived ? DERIVED : List.of());
        return db;
    }

    private static MongoStore store(MongoDatabase db) {
        return new MongoStore(stack.mongoUri(), db.getName(), 2);
    }

    private static List<Document> hourly(MongoDatabase db) {
        return db.getCollection(Names.COLL_HOURLY).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    void rollupGivesEachRoomHourItsCountAverageMinMaxAndFirstLastTimes() {
        MongoDatabase db = database("rollup_numbers", false);
        RollupCommand.RollupResult result = RollupCommand.rollup(spark, store(db), HourRange.ALL);

        Map<String, HourStats> expected = HourStats.of(READINGS);
        assertEquals(new RollupCommand.RollupResult(1500, expected.size()), result);
        List<Document> docs = hourly(db);
        assertEquals(List.copyOf(expected.keySet()), docs.stream().map(d -> d.getString("_id")).toList());
        for (Document d : docs) {
            HourStats e = expected.get(d.getString("_id"));
            assertEquals(e.roomId, d.getString("roomId"));
            assertEquals(new Date(e.hour.toEpochMilli()), d.getDate("hour"));
            assertEquals(e.count, d.getLong("count"));
            assertEquals(e.sum / e.count, d.getDouble("avg"), 1e-9);
            assertEquals(e.min, d.getDouble("min"));
            assertEquals(e.max, d.getDouble("max"));
            assertEquals(new Date(e.firstTs), d.getDate("firstTs"));
            assertEquals(new Date(e.lastTs), d.getDate("lastTs"));
        }
    }

    @Test
    void rerunningRollupReplacesEveryHourAndNeverDuplicates() {
        MongoDatabase db = database("rollup_rerun", false);
        RollupCommand.rollup(spark, store(db), HourRange.ALL);
        List<Document> first = hourly(db);
        db.getCollection(Names.COLL_HOURLY).updateOne(Filters.eq("_id", "room-002:2026-11-21T14"), Updates.set("avg", -1.0));

        RollupCommand.rollup(spark, store(db), HourRange.ALL);
        assertEquals(first, hourly(db));
        assertEquals(6, first.size());
    }

    @Test
    void rollupWithARangeWritesOnlyTheWholeHoursInIt() {
        MongoDatabase db = database("rollup_range", false);
        RollupCommand.RollupResult result = RollupCommand.rollup(spark, store(db),
                HourRange.parse("2026-11-21T15:30:00Z", null));
        List<String> ids = hourly(db).stream().map(d -> d.getString("_id")).toList();
        assertEquals(List.of("room-001:2026-11-21T15", "room-002:2026-11-21T15", "room-003:2026-11-21T15"), ids);
        long inHour15 = READINGS.stream().filter(r -> Instant.ofEpochMilli(r.tsMillis()).truncatedTo(ChronoUnit.HOURS)
                .equals(Instant.parse("2026-11-21T15:00:00Z"))).count();
        assertEquals(inHour15, result.readings());
    }

    @Test
    void verifyReportsNoDifferenceOnAStoreConsistentWithTheReference() {
        MongoDatabase db = database("verify_clean", true);
        VerifyJob.Outcome outcome = VerifyJob.verify(spark, store(db), new VerifyJob.Settings(null, LATENESS, 10));
        VerifyReport r = outcome.report();
        assertTrue(r.clean(), r.examples().toString());
        assertEquals(new VerifyReport(3, 1500, DERIVED.size(), DERIVED.size(), 0, 0, 0, List.of()), r);
        assertEquals(1497, DERIVED.size());                 // each room's seq 500 is too late
        assertEquals(60, outcome.windowSeconds());
        assertTrue(outcome.windowFromStore());
    }

    @Test
    void verifyCatchesACorruptedADeletedAndAnExtraRecord() {
        MongoDatabase db = database("verify_faults", true);
        MongoCollection<Document> analytics = db.getCollection(Names.COLL_ANALYTICS);
        double avg = analytics.find(Filters.eq("_id", "room-002:100")).first().getDouble("rollingAvg");
        analytics.updateOne(Filters.eq("_id", "room-002:100"), Updates.set("rollingAvg", avg + 0.5));
        analytics.deleteOne(Filters.eq("_id", "room-001:7"));
        analytics.insertOne(StoredData.analytics(new DerivedRecord("room-003", 9999, StoredData.START_MILLIS, 20.0,
                0.0, 0, 20.0, 20.0, 20.0, 1, 60)));

        VerifyReport r = VerifyJob.verify(spark, store(db), new VerifyJob.Settings(60, LATENESS, 10)).report();
        assertEquals(List.of(1L, 1L, 1L), List.of(r.missing(), r.extra(), r.mismatching()));
        assertEquals(List.of("missing room-001:7", "mismatch room-002:100: rollingAvg expected " + avg + " stored " + (avg + 0.5),
                "extra room-003:9999"), r.examples().stream().map(Difference::toString).toList());
    }

    /** The expected hourly statistics, computed plainly from the generated readings. */
    private static final class HourStats {
        String roomId;
        Instant hour;
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long firstTs = Long.MAX_VALUE;
        long lastTs = Long.MIN_VALUE;

        static Map<String, HourStats> of(List<Reading> readings) {
            Map<String, HourStats> out = new TreeMap<>();
            for (Reading r : readings) {
                Instant hour = Instant.ofEpochMilli(r.tsMillis()).truncatedTo(ChronoUnit.HOURS);
                String id = r.roomId() + ":" + hour.toString().substring(0, 13);
                HourStats s = out.computeIfAbsent(id, k -> new HourStats());
                s.roomId = r.roomId();
                s.hour = hour;
                s.count++;
                s.sum += r.temperature();
                s.min = Math.min(s.min, r.temperature());
                s.max = Math.max(s.max, r.temperature());
                s.firstTs = Math.min(s.firstTs, r.tsMillis());
                s.lastTs = Math.max(s.lastTs, r.tsMillis());
            }
            return out;
        }
    }
}
