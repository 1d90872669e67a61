package io.sensorpipe.launcher.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RestoreProgressTest {
    @Test
    void restoresThatBeganAndDidNotEndAreCounted() {
        List<String> log = List.of(
                "12:00:01.000 INFO  AlphaRebuilder: restoring state of readings-0 for input offset 10 ...",
                "12:00:01.000 INFO  AlphaRebuilder: restoring state of readings-1 for input offset 12 ...",
                "12:00:02.000 INFO  AlphaRebuilder: restored state of readings-0 for input offset 10 in 900 ms: ...",
                "12:00:02.000 INFO  AlphaRebuilder: restoring state of readings-2 for input offset 7 ...");
        assertEquals("restoring 2/6 partitions", RestoreProgress.of(log, 6));
    }

    @Test
    void nothingIsShownWhenEveryRestoreEndedOrTheJobRestarted() {
        assertNull(RestoreProgress.of(List.of(
                "restoring state of readings-0 for input offset 1", "restored state of readings-0 for input offset 1"),
                6));
        assertNull(RestoreProgress.of(List.of("restoring state of readings-0 for input offset 1",
                "=== start stream"), 6));
        assertNull(RestoreProgress.of(List.of(), 6));
    }
}
