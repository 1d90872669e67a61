package io.sensorpipe.common;

import java.time.format.DateTimeParseException;

/**
 * The fields of one record as a decoder found them, and the checks that turn them into a {@link Reading} or a
 * {@link DerivedRecord} or into a precise rejection reason. Both decoders fill it: the Gson streaming path of
 * {@link Codec} (which may leave any field missing) and {@link CanonicalDecoder} (which fills every field and
 * parses the timestamp itself), so both give the same records and the same reasons.
 * Markers for "not present": null, NaN, or {@link Long#MIN_VALUE}.
 */
final class RecordFields {
    Integer version;
    String roomId;
    long seq = Long.MIN_VALUE;
    /** The timestamp text as sent; null when absent or when {@link #tsParsed} was set by the canonical decoder. */
    String tsText;
    /** Epoch milliseconds of the timestamp; valid once {@link #tsParsed}. */
    long ts;
    boolean tsParsed;
    double temperature = Double.NaN;
    boolean hasTemperature;
    boolean hasChange;
    Double change;
    long gap = Long.MIN_VALUE;
    double rollingAvg = Double.NaN;
    double rollingMin = Double.NaN;
    double rollingMax = Double.NaN;
    long rollingCount = Long.MIN_VALUE;
    long windowSeconds = Long.MIN_VALUE;

    /** Sets the schema version from an integral JSON number, clamped into the int range. */
    void version(long v) {
        version = (int) Math.max(Integer.MIN_VALUE, Math.min(v, Integer.MAX_VALUE));
    }

    /** Sets the event time already parsed from its canonical text {@code Timestamps.iso(epochMillis)}. */
    void parsedTs(long epochMillis) {
        ts = epochMillis;
        tsParsed = true;
    }

    /** Sets the temperature and marks it present. */
    void temperature(double t) {
        temperature = t;
        hasTemperature = true;
    }

    /** Sets the change (null for a room's first reading) and marks it present. */
    void change(Double c) {
        change = c;
        hasChange = true;
    }

    /** The reading these fields make, or the reason they make none; {@code nowMillis} is for the future rule. */
    Decoded<Reading> reading(long nowMillis) {
        String problem = checkReading(nowMillis);
        return problem == null ? Decoded.ok(new Reading(roomId, seq, ts, temperature)) : Decoded.rejected(problem);
    }

    /** The derived record these fields make, or the reason they make none. */
    Decoded<DerivedRecord> analytics(long nowMillis) {
        String problem = checkReading(nowMillis);
        if (problem == null) {
            problem = checkAnalytics();
        }
        return problem == null
                ? Decoded.ok(new DerivedRecord(roomId, seq, ts, temperature, change, gap,
                        rollingAvg, rollingMin, rollingMax, (int) rollingCount, (int) windowSeconds))
                : Decoded.rejected(problem);
    }

    private String checkReading(long nowMillis) {
        if (version == null) {
            return "missing field 'v'";
        }
        if (version != Reading.VERSION) {
            return "unknown schema version " + version + " (supported: " + Reading.VERSION + ")";
        }
        if (roomId == null) {
            return "missing field 'roomId'";
        }
        String roomProblem = Codec.checkRoomId(roomId);
        if (roomProblem != null) {
            return roomProblem;
        }
        if (seq == Long.MIN_VALUE) {
            return "missing field 'seq'";
        }
        if (seq < 0) {
            return "negative seq " + seq;
        }
        if (!tsParsed) {
            if (tsText == null) {
                return "missing field 'ts'";
            }
            try {
                parsedTs(Timestamps.parseIso(tsText));
            } catch (DateTimeParseException | ArithmeticException e) {
                return "bad timestamp '" + Codec.clip(tsText) + "': expected ISO-8601 UTC like 2026-11-21T15:04:05.123Z";
            }
        }
        if (ts < Codec.MIN_TS_MILLIS) {
            return "timestamp " + tsText() + " is before 2000-01-01";
        }
        if (ts > nowMillis + Codec.MAX_FUTURE_MILLIS) {
            return "timestamp " + tsText() + " is more than 7 days in the future";
        }
        if (!hasTemperature) {
            return "missing field 'temperature'";
        }
        if (temperature < Codec.MIN_TEMPERATURE || temperature > Codec.MAX_TEMPERATURE) {
            return "temperature " + temperature + " outside the physical range [" + Codec.MIN_TEMPERATURE + ", "
                    + Codec.MAX_TEMPERATURE + "] degC";
        }
        return null;
    }

    /** The timestamp as sent: the canonical decoder accepts only text that is exactly {@code Timestamps.iso(ts)}. */
    private String tsText() {
        return tsText != null ? tsText : Timestamps.iso(ts);
    }

    private String checkAnalytics() {
        if (!hasChange) {
            return "missing field 'change'";
        }
        if (gap == Long.MIN_VALUE) {
            return "missing field 'gap'";
        }
        if (gap < 0) {
            return "negative gap " + gap;
        }
        if (Double.isNaN(rollingAvg)) {
            return "missing field 'rollingAvg'";
        }
        if (Double.isNaN(rollingMin)) {
            return "missing field 'rollingMin'";
        }
        if (Double.isNaN(rollingMax)) {
            return "missing field 'rollingMax'";
        }
        if (rollingCount == Long.MIN_VALUE) {
            return "missing field 'rollingCount'";
        }
        if (rollingCount < 1 || rollingCount > Integer.MAX_VALUE) {
            return "rollingCount " + rollingCount + " must be at least 1";
        }
        if (windowSeconds == Long.MIN_VALUE) {
            return "missing field 'windowSeconds'";
        }
        if (windowSeconds < 1 || windowSeconds > Integer.MAX_VALUE) {
            return "windowSeconds " + windowSeconds + " must be at least 1";
        }
        return null;
    }
}
