package io.sensorpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds and peak resident memory of a Linux process, read from /proc. Sample it before the process ends:
 * /proc forgets a process once it is gone.
 *
 * @param cpuSeconds user + system CPU time so far
 * @param peakRssMb  peak resident set size (VmHWM) in MiB
 */
public record ProcStats(double cpuSeconds, double peakRssMb) {
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;   // USER_HZ on Linux

    /** The process's figures now, or zeros if it is gone. */
    public static ProcStats of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (which may contain spaces) start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS_PER_SECOND;
            double hwmKb = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwmKb = Double.parseDouble(line.replaceAll("[^0-9]", ""));
                }
            }
            return new ProcStats(cpu, hwmKb / 1024.0);
        } catch (IOException | RuntimeException e) {
            return new ProcStats(0, 0);
        }
    }

    /** The current JVM's own figures. */
    public static ProcStats self() {
        return of(ProcessHandle.current().pid());
    }

    /**
     * The larger of each figure: both only grow while a process lives, and a sample taken after it exited (a zombie
     * still has /proc/PID/stat but no VmHWM line) must not erase the peak seen before.
     */
    public ProcStats max(ProcStats other) {
        return new ProcStats(Math.max(cpuSeconds, other.cpuSeconds), Math.max(peakRssMb, other.peakRssMb));
    }

    /** CPU used since an earlier sample; the peak is this sample's. */
    public ProcStats since(ProcStats earlier) {
        return new ProcStats(cpuSeconds - earlier.cpuSeconds, peakRssMb);
    }
}
