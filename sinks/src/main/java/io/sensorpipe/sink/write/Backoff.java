package io.sensorpipe.sink.write;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * min(cap, initial * 2^(n-1)), so that several sinks retrying together spread out.
 *
 * @param initialMillis the first delay's upper bound
 * @param capMillis     the largest delay
 */
public record Backoff(long initialMillis, long capMillis) {
    /** The default: 100 ms doubling up to 5 s. */
    public static final Backoff DEFAULT = new Backoff(100, 5_000);

    /** The delay before retry number {@code attempt} (1-based). */
    public long delayMillis(int attempt) {
        long ceiling = capMillis;
        if (attempt < 31) {
            ceiling = Math.min(capMillis, initialMillis << Math.max(0, attempt - 1));
        }
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}
