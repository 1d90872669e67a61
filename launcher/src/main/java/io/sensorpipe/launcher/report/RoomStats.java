package io.sensorpipe.launcher.report;

/**
 * The table row of one room.
 *
 * @param roomId          the room
 * @param readings        derived records of the room in the report's range
 * @param lastTemperature temperature of the record with the highest seq
 * @param lastRollingAvg  rolling average of that record
 * @param min             lowest temperature
 * @param max             highest temperature
 */
public record RoomStats(String roomId, long readings, double lastTemperature, double lastRollingAvg, double min,
                        double max) {
}
