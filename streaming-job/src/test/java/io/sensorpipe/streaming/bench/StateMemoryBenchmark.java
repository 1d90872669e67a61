package io.sensorpipe.streaming.bench;

import io.sensorpipe.common.Reading;
import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The job's state memory (a main, not a test): N rooms at one reading per second of event time for W + L + 60 s,
 * through the job's own {@link PartitionAnalytics} (6 partitions, rooms spread as Kafka would), then the heap used
 * after a full GC, bytes per room, readings held per room and the snapshot size per room.
 *
 * <pre>
 * cd streaming-job && mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -Xmx6g -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *     io.sensorpipe.streaming.bench.StateMemoryBenchmark 100000
 * </pre>
 */
public final class StateMemoryBenchmark {
    private StateMemoryBenchmark() {
    }

    /** args: rooms (default 100000). */
    public static void main(String[] args) throws Exception {
        int rooms = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        AnalyticsSettings settings = AnalyticsSettings.DEFAULTS;
        long seconds = (settings.windowMillis() + settings.latenessMillis()) / 1000 + 60;
        long before = usedAfterGc();
        List<PartitionAnalytics> partitions = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            partitions.add(new PartitionAnalytics(settings));
        }
        String[] ids = new String[rooms];
        for (int r = 0; r < rooms; r++) {
            ids[r] = String.format("room-%06d", r);
        }
        SplittableRandom random = new SplittableRandom(1);
        long t0 = System.nanoTime();
        long start = 1_790_000_000_000L;
        for (long s = 0; s < seconds; s++) {
            for (int r = 0; r < rooms; r++) {
                partitions.get(Math.floorMod(ids[r].hashCode(), 6)).process(new Reading(ids[r], s + 1,
                        start + s * 1000 + random.nextInt(1000), 20 + random.nextDouble()));
            }
        }
        double feedSeconds = (System.nanoTime() - t0) / 1e9;
        long used = usedAfterGc() - before;
        long held = partitions.stream().mapToLong(PartitionAnalytics::heldReadings).sum();
        long snapshot = 0;
        for (PartitionAnalytics p : partitions) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                p.writeTo(out);
            }
            snapshot += bytes.size();
        }
        System.out.printf("%,d rooms, %d s of event time at 1 reading/s per room (W %d s + L %d s + 60 s): %,d readings"
                        + " in %.1f s%n", rooms, seconds, settings.windowMillis() / 1000, settings.latenessMillis() / 1000,
                rooms * seconds, feedSeconds);
        System.out.printf("state: %,d readings held (%.0f per room), heap %,d MiB after GC = %,.0f bytes per room;"
                        + " snapshot %,d MiB = %,.0f bytes per room%n", held, held / (double) rooms, used >> 20,
                used / (double) rooms, snapshot >> 20, snapshot / (double) rooms);
        if (partitions.isEmpty()) {
            System.out.println();   // keeps the state reachable until here
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
