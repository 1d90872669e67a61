package io.sensorpipe.launcher.run;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Sorts;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.StoredFields;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The per-room table of the summary, read from MongoDB with two aggregations. */
public final class RoomQuery {
    private RoomQuery() {
    }

    /** One row per room found in either collection, sorted by room id. */
    public static List<RoomRow> rows(MongoDatabase db) {
        Map<String, Long> readings = new TreeMap<>();
        db.getCollection(Names.COLL_READINGS)
                .aggregate(List.of(Aggregates.group("$" + StoredFields.ROOM_ID, Accumulators.sum("n", 1))))
                .forEach(d -> readings.put(d.getString(StoredFields.ID), number(d, "n").longValue()));
        Map<String, Document> last = new TreeMap<>();
        db.getCollection(Names.COLL_ANALYTICS).aggregate(List.of(
                        Aggregates.sort(Sorts.ascending(StoredFields.ROOM_ID, StoredFields.SEQ)),
                        Aggregates.group("$" + StoredFields.ROOM_ID, Accumulators.sum("n", 1),
                                Accumulators.last(StoredFields.TEMPERATURE, "$" + StoredFields.TEMPERATURE),
                                Accumulators.last(StoredFields.ROLLING_AVG, "$" + StoredFields.ROLLING_AVG))))
                .forEach(d -> last.put(d.getString(StoredFields.ID), d));
        TreeMap<String, RoomRow> rows = new TreeMap<>();
        readings.forEach((room, n) -> rows.put(room, row(room, n, last.get(room))));
        last.forEach((room, d) -> rows.putIfAbsent(room, row(room, 0, d)));
        return new ArrayList<>(rows.values());
    }

    private static RoomRow row(String room, long readings, Document derived) {
        if (derived == null) {
            return new RoomRow(room, readings, 0, Double.NaN, Double.NaN);
        }
        return new RoomRow(room, readings, number(derived, "n").longValue(), number(derived, StoredFields.TEMPERATURE).doubleValue(),
                number(derived, StoredFields.ROLLING_AVG).doubleValue());
    }

    private static Number number(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Number n ? n : Double.NaN;
    }
}
