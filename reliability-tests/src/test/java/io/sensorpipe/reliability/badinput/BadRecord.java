package io.sensorpipe.reliability.badinput;

/**
 * One record of the bad-input corpus.
 *
 * @param kind   what is wrong with it, for messages
 * @param value  the Kafka value bytes
 * @param reason a fragment the rejection reason must contain
 */
record BadRecord(String kind, byte[] value, String reason) {
}
