package io.sensorpipe.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchFiguresTest {
    @Test
    void nearestRankPercentilesOfOneToHundred() {
        List<Integer> values = new java.util.ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add(i);
        }
        Percentiles p = new Percentiles(values);
        assertEquals(50, p.median());
        assertEquals(95, p.p(95));
        assertEquals(99, p.p(99));
        assertEquals(100, p.p(100));
        assertEquals(1, p.p(0.5));
    }

    @Test
    void emptySampleHasNoPercentile() {
        assertTrue(Double.isNaN(new Percentiles(List.of()).p(50)));
    }

    @Test
    void reportPrintsEveryRowAndFindsValuesByStage() {
        BenchReport r = new BenchReport();
        r.add(BenchRow.of("sink", "sink raw (sensors.readings)", 1234.5, "docs/s").with("cpu_s", 2.5));
        r.add(BenchRow.of("sink", "driver insertMany ceiling", 2000, "docs/s"));
        assertEquals(2000, r.value("sink", "driver"));
        assertTrue(Double.isNaN(r.value("simulator", "x")));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        r.print(new java.io.PrintStream(out, true));
        String table = out.toString();
        assertTrue(table.contains("sink raw (sensors.readings)") && table.contains("1,235") && table.contains("cpu_s=2.50"),
                table);
    }

    @Test
    void procStatsOfThisJvmShowCpuAndMemory() {
        ProcStats s = ProcStats.self();
        assertTrue(s.cpuSeconds() > 0, "cpu " + s);
        assertTrue(s.peakRssMb() > 10, "rss " + s);
        assertEquals(new ProcStats(0, 0), ProcStats.of(Long.MAX_VALUE));
    }

    @Test
    void aSampleOfAnExitedProcessKeepsThePeakSeenBefore() {
        // a zombie's /proc/PID/stat still counts CPU, its status has no VmHWM: the figures seen before stay
        ProcStats running = new ProcStats(4.2, 310);
        assertEquals(new ProcStats(4.5, 310), running.max(new ProcStats(4.5, 0)));
        assertEquals(running, running.max(new ProcStats(0, 0)));
    }
}
