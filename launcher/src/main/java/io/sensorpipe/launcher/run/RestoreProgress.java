package io.sensorpipe.launcher.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which input partitions the streaming job is restoring now, read from its log: each restore logs
 * {@code restoring state of readings-3 ...} when it begins and {@code restored state of readings-3 ...} when it is
 * done. Pure function of the lines, tested without a job.
 */
public final class RestoreProgress {
    private static final Pattern EVENT = Pattern.compile("(restoring|restored) state of (\\S+) for input offset");

    private RestoreProgress() {
    }

    /** "restoring 2/6 partitions" while restores run ({@code partitions}: the input's count), else null. */
    public static String of(List<String> jobLog, int partitions) {
        Map<String, Boolean> running = new HashMap<>();
        for (String line : jobLog) {
            if (line.startsWith("=== start")) {
                running.clear();   // a restarted job: earlier restores are over
                continue;
            }
            Matcher m = EVENT.matcher(line);
            if (m.find()) {
                running.put(m.group(2), m.group(1).equals("restoring"));
            }
        }
        long now = running.values().stream().filter(b -> b).count();
        return now == 0 ? null : "restoring " + now + "/" + Math.max(partitions, running.size()) + " partitions";
    }
}
