package io.sensorpipe.launcher.report;

import java.util.List;

/**
 * A room's points in event-time order, thinned for drawing, and its statistics over all of its points.
 *
 * @param roomId the room
 * @param points the points to draw, by event time
 * @param stats  statistics over every point, not only the drawn ones
 */
public record RoomSeries(String roomId, List<Point> points, RoomStats stats) {
}
