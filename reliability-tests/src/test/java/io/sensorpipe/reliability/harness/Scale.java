package io.sensorpipe.reliability.harness;

/**
 * Test sizes: {@code -Dreliability.scale=ci} (default, the short version {@code mvn verify} runs) or {@code full}
 * (issue 7's sizes, run by {@code bin/fault-suite}); any single size can be overridden by its own property.
 */
public final class Scale {
    private Scale() {
    }

    /** True when the full-size suite was asked for. */
    public static boolean full() {
        return "full".equalsIgnoreCase(System.getProperty("reliability.scale", "ci"));
    }

    /** {@code -Dreliability.<name>=N} if given, else the CI or the full size. */
    public static long size(String name, long ci, long full) {
        return Long.getLong("reliability." + name, full() ? full : ci);
    }
}
