package io.sensorpipe.launcher.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the report shows, shaped from the stored derived records: one series per room (sorted by room id) and the
 * overall event-time range. Pure data, no I/O, so the shaping is unit-tested.
 *
 * @param rooms  one series per room
 * @param fromTs earliest event time over all rooms
 * @param toTs   latest event time over all rooms
 */
public record ReportModel(List<RoomSeries> rooms, long fromTs, long toTs) {
    /** Points drawn per room at most; more would not show on a panel a few hundred pixels wide. */
    public static final int MAX_POINTS_PER_ROOM = 600;

    /** Shapes the records of each room into series and statistics. */
    public static ReportModel of(Map<String, List<Point>> byRoom) {
        return of(byRoom, MAX_POINTS_PER_ROOM);
    }

    /** Shapes with a given point budget per room. */
    public static ReportModel of(Map<String, List<Point>> byRoom, int maxPoints) {
        List<RoomSeries> rooms = new ArrayList<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Map.Entry<String, List<Point>> e : new TreeMap<>(byRoom).entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            List<Point> byTime = new ArrayList<>(e.getValue());
            byTime.sort(Comparator.comparingLong(Point::tsMillis).thenComparingLong(Point::seq));
            from = Math.min(from, byTime.get(0).tsMillis());
            to = Math.max(to, byTime.get(byTime.size() - 1).tsMillis());
            rooms.add(new RoomSeries(e.getKey(), thin(byTime, maxPoints), stats(e.getKey(), byTime)));
        }
        return rooms.isEmpty() ? new ReportModel(rooms, 0, 0) : new ReportModel(rooms, from, to);
    }

    /** The room ids, in order. */
    public List<String> roomIds() {
        return rooms.stream().map(RoomSeries::roomId).toList();
    }

    /** Statistics over all points; "last" is the point with the highest seq (the latest accepted reading). */
    static RoomStats stats(String roomId, List<Point> points) {
        Point last = points.get(0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            if (p.seq() > last.seq()) {
                last = p;
            }
            min = Math.min(min, p.temperature());
            max = Math.max(max, p.temperature());
        }
        return new RoomStats(roomId, points.size(), last.temperature(), last.rollingAvg(), min, max);
    }

    /** Every k-th point so that at most {@code maxPoints} remain, always keeping the first and the last. */
    static List<Point> thin(List<Point> byTime, int maxPoints) {
        if (byTime.size() <= maxPoints) {
            return List.copyOf(byTime);
        }
        double step = (byTime.size() - 1) / (double) (maxPoints - 1);
        List<Point> kept = new ArrayList<>(maxPoints);
        for (int i = 0; i < maxPoints; i++) {
            kept.add(byTime.get((int) Math.round(i * step)));
        }
        return kept;
    }
}
