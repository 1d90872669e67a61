package io.sensorpipe.common.config;

/** Small validation helpers for typed configuration. */
public final class Settings {
    private Settings() {
    }

    /** Throws a {@link SettingException} naming the setting when the condition fails. */
    public static void require(boolean condition, String setting, String problem) {
        if (!condition) {
            throw new SettingException(setting, problem);
        }
    }

    /** Requires a strictly positive number. */
    public static long positive(long value, String setting) {
        require(value > 0, setting, "must be positive, got " + value);
        return value;
    }

    /** Requires a non-negative number. */
    public static long nonNegative(long value, String setting) {
        require(value >= 0, setting, "must not be negative, got " + value);
        return value;
    }

    /** Requires a rate (probability) between 0 and 1. */
    public static double fraction(double value, String setting) {
        require(value >= 0 && value <= 1 && !Double.isNaN(value), setting, "must be between 0 and 1, got " + value);
        return value;
    }
}
