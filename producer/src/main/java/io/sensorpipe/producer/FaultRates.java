package io.sensorpipe.producer;

import io.sensorpipe.common.config.Settings;

/**
 * How often each fault is injected, as a probability per generated reading (0..1 each, independent).
 *
 * @param duplicate  after a reading, also re-send one of the room's recent readings (same bytes)
 * @param outOfOrder move the reading's event time back by up to a minute
 * @param gap        skip 1..3 sequence numbers before the reading (as if lost upstream)
 * @param malformed  after a reading, also send a bad payload for the room (rotating set of defects)
 */
public record FaultRates(double duplicate, double outOfOrder, double gap, double malformed) {
    /** No faults at all. */
    public static final FaultRates NONE = new FaultRates(0, 0, 0, 0);

    /** Validates every rate, naming the flag of a bad one. */
    public FaultRates {
        Settings.fraction(duplicate, "--duplicate-rate");
        Settings.fraction(outOfOrder, "--out-of-order-rate");
        Settings.fraction(gap, "--gap-rate");
        Settings.fraction(malformed, "--malformed-rate");
    }
}
