package io.sensorpipe.producer;

import io.sensorpipe.common.Reading;

/**
 * One record the generator wants sent: Kafka key and value bytes, plus what it is.
 *
 * @param kind    a fresh reading, a duplicate of an earlier one, or a malformed payload
 * @param reading the reading (the re-sent one for a duplicate); null for a malformed payload
 * @param key     the roomId bytes (cached per room)
 * @param value   the canonical JSON bytes, or the bad payload
 */
public record Emission(Kind kind, Reading reading, byte[] key, byte[] value) {
    /** What an emission is. */
    public enum Kind { READING, DUPLICATE, MALFORMED }
}
