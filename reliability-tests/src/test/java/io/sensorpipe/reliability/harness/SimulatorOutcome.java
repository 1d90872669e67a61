package io.sensorpipe.reliability.harness;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts a simulator run printed in its summary line
 * ({@code summary: readings=N sent=N acked=N failed=N ...}).
 *
 * @param readings fresh readings generated
 * @param sent     records handed to the producer
 * @param acked    records Kafka acknowledged
 * @param failed   records Kafka refused
 */
public record SimulatorOutcome(long readings, long sent, long acked, long failed) {
    private static final Pattern SUMMARY =
            Pattern.compile("summary: readings=(\\d+) sent=(\\d+) acked=(\\d+) failed=(\\d+)");

    /** The last summary line in the log; fails when there is none. */
    public static SimulatorOutcome last(List<String> logLines) {
        SimulatorOutcome found = null;
        for (String line : logLines) {
            Matcher m = SUMMARY.matcher(line);
            if (m.find()) {
                found = new SimulatorOutcome(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
            }
        }
        if (found == null) {
            throw new AssertionError("the simulator printed no summary line");
        }
        return found;
    }
}
