package io.sensorpipe.launcher.report;

/**
 * One derived record as the report needs it.
 *
 * @param seq         the reading's sequence number in its room
 * @param tsMillis    event time
 * @param temperature the reading's temperature
 * @param rollingAvg  the rolling average at that reading
 */
public record Point(long seq, long tsMillis, double temperature, double rollingAvg) {
}
