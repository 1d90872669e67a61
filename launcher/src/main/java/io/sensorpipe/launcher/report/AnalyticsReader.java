package io.sensorpipe.launcher.report;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.StoredFields;
import io.sensorpipe.common.Timestamps;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code sensors.room_analytics} into points per room, optionally for some rooms and from some time on. */
public final class AnalyticsReader {
    private AnalyticsReader() {
    }

    /** The points of the chosen rooms (all when {@code rooms} is empty) with event time at or after {@code sinceMillis}. */
    public static Map<String, List<Point>> read(MongoDatabase db, Set<String> rooms, Long sinceMillis) {
        MongoCollection<Document> coll = db.getCollection(Names.COLL_ANALYTICS);
        List<Bson> filters = new ArrayList<>();
        if (!rooms.isEmpty()) {
            filters.add(Filters.in(StoredFields.ROOM_ID, rooms));
        }
        if (sinceMillis != null) {
            filters.add(Filters.gte(StoredFields.TS, new Date(sinceMillis)));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        Map<String, List<Point>> byRoom = new HashMap<>();
        coll.find(filter).projection(Projections.include(StoredFields.ROOM_ID, StoredFields.SEQ, StoredFields.TS,
                        StoredFields.TEMPERATURE, StoredFields.ROLLING_AVG))
                .batchSize(5000)
                .forEach(d -> byRoom.computeIfAbsent(d.getString(StoredFields.ROOM_ID), r -> new ArrayList<>()).add(point(d)));
        return byRoom;
    }

    private static Point point(Document d) {
        return new Point(((Number) d.get(StoredFields.SEQ)).longValue(), millis(d.get(StoredFields.TS)),
                ((Number) d.get(StoredFields.TEMPERATURE)).doubleValue(), ((Number) d.get(StoredFields.ROLLING_AVG)).doubleValue());
    }

    private static long millis(Object ts) {
        if (ts instanceof Date date) {
            return date.getTime();
        }
        if (ts instanceof Number n) {
            return n.longValue();
        }
        return Timestamps.parseIso(String.valueOf(ts));
    }
}
