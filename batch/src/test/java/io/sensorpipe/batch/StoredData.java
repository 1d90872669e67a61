package io.sensorpipe.batch;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded sample data written straight into the collections in the sinks' layout (raw: _id "roomId:seq", roomId, seq,
 * ts date, temperature; derived: the DerivedRecord fields, ts date, change null or number).
 */
public final class StoredData {
    /** 2026-11-21T14:00:00Z, an hour boundary. */
    public static final long START_MILLIS = 1_795_269_600_000L;

    private StoredData() {
    }

    /**
     * Readings of {@code rooms} rooms, {@code perRoom} each, {@code stepMillis} apart with jitter; every 13th
     * reading's ts is 4 s early (out of order) and every 500th is 10 min late (too late for the job).
     */
    public static List<Reading> readings(int rooms, int perRoom, long stepMillis, long seed) {
        Random random = new Random(seed);
        List<Reading> out = new ArrayList<>(rooms * perRoom);
        for (int room = 1; room <= rooms; room++) {
            String roomId = String.format("room-%03d", room);
            double temperature = 19 + random.nextDouble() * 4;
            for (int seq = 1; seq <= perRoom; seq++) {
                long ts = START_MILLIS + seq * stepMillis + random.nextInt(200)
                        - (seq % 13 == 0 ? 4_000 : 0) - (seq % 500 == 0 ? 600_000 : 0);
                temperature += random.nextGaussian() * 0.05;
                out.add(new Reading(roomId, seq, ts, Math.round(temperature * 100) / 100.0));
            }
        }
        return out;
    }

    /** A raw reading document. */
    public static Document reading(Reading r) {
        return new Document("_id", r.id()).append("roomId", r.roomId()).append("seq", r.seq())
                .append("ts", new Date(r.tsMillis())).append("temperature", r.temperature());
    }

    /** A derived record document. */
    public static Document analytics(DerivedRecord a) {
        return new Document("_id", a.id()).append("roomId", a.roomId()).append("seq", a.seq())
                .append("ts", new Date(a.tsMillis())).append("temperature", a.temperature())
                .append("change", a.change()).append("gap", a.gap()).append("rollingAvg", a.rollingAvg())
                .append("rollingMin", a.rollingMin()).append("rollingMax", a.rollingMax())
                .append("rollingCount", a.rollingCount()).append("windowSeconds", a.windowSeconds());
    }

    /** Inserts readings and derived records, unordered, 1,000 per batch. */
    public static void store(MongoDatabase db, List<Reading> readings, List<DerivedRecord> derived) {
        insert(db, Names.COLL_READINGS, readings, StoredData::reading);
        insert(db, Names.COLL_ANALYTICS, derived, StoredData::analytics);
    }

    private static <T> void insert(MongoDatabase db, String collection, List<T> items, Function<T, Document> toDoc) {
        for (int i = 0; i < items.size(); i += 1000) {
            List<Document> batch = items.subList(i, Math.min(items.size(), i + 1000)).stream().map(toDoc).toList();
            db.getCollection(collection).insertMany(batch, new InsertManyOptions().ordered(false));
        }
    }
}
