package io.sensorpipe.common;

import java.util.Objects;

/**
 * The outcome of decoding one record: either a value or a precise rejection reason, never both.
 *
 * @param value  the decoded value, or null when rejected
 * @param reason why the record was rejected, or null when decoded
 * @param <T>    the record type
 */
public record Decoded<T>(T value, String reason) {
    /** A successfully decoded value. */
    public static <T> Decoded<T> ok(T value) {
        return new Decoded<>(Objects.requireNonNull(value), null);
    }

    /** A rejection with a reason a person can act on. */
    public static <T> Decoded<T> rejected(String reason) {
        return new Decoded<>(null, Objects.requireNonNull(reason));
    }

    /** True when a value was decoded. */
    public boolean isOk() {
        return value != null;
    }
}
