package io.sensorpipe.producer;

import io.sensorpipe.common.Codec;

import java.util.SplittableRandom;

/**
 * The temperature of one room: a per-room base, a slow mean-reverting drift, a daily cycle, sensor noise and
 * occasional short spikes. Values are rounded to 2 decimals and always inside the codec's physical range.
 */
final class RoomModel {
    private static final double DRIFT_STEP = 0.02;
    private static final double DRIFT_PULL = 0.001;
    private static final double DRIFT_LIMIT = 3.0;
    private static final double NOISE = 0.08;
    private static final double SPIKE_PROBABILITY = 0.001;
    private static final double DAILY_AMPLITUDE = 1.2;
    private static final double DAY_MILLIS = 86_400_000.0;

    private final double base;
    private final double phase;
    private double drift;

    /** A room whose base temperature (18..24 degC) and daily phase come from the given random source. */
    RoomModel(SplittableRandom roomRandom) {
        this.base = 18.0 + roomRandom.nextDouble() * 6.0;
        this.phase = roomRandom.nextDouble() * 2 * Math.PI;
    }

    /** The next temperature at event time {@code tsMillis}, drawing drift, noise and spikes from {@code rnd}. */
    double next(long tsMillis, SplittableRandom rnd) {
        drift += (rnd.nextDouble() - 0.5) * 2 * DRIFT_STEP - drift * DRIFT_PULL;
        drift = Math.max(-DRIFT_LIMIT, Math.min(DRIFT_LIMIT, drift));
        double daily = DAILY_AMPLITUDE * Math.sin(2 * Math.PI * (tsMillis % (long) DAY_MILLIS) / DAY_MILLIS + phase);
        double noise = (rnd.nextDouble() + rnd.nextDouble() - 1.0) * NOISE;
        double t = base + drift + daily + noise;
        if (rnd.nextDouble() < SPIKE_PROBABILITY) {
            t += (rnd.nextBoolean() ? 1 : -1) * (3.0 + rnd.nextDouble() * 5.0);   // a door left open, a heater
        }
        return round2(Math.max(Codec.MIN_TEMPERATURE, Math.min(Codec.MAX_TEMPERATURE, t)));
    }

    /** The base temperature of this room. */
    double base() {
        return base;
    }

    static double round2(double t) {
        return Math.round(t * 100.0) / 100.0;
    }
}
