package io.sensorpipe.launcher.run;

/**
 * One room in the run summary.
 *
 * @param roomId          the room
 * @param readings        raw readings stored for it ({@code sensors.readings})
 * @param derived         derived records stored for it ({@code sensors.room_analytics})
 * @param lastTemperature temperature of its derived record with the highest seq (NaN when none)
 * @param lastRollingAvg  rolling average of that record (NaN when none)
 */
public record RoomRow(String roomId, long readings, long derived, double lastTemperature, double lastRollingAvg) {
}
