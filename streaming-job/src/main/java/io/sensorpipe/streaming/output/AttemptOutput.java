package io.sensorpipe.streaming.output;

import org.apache.kafka.common.header.Header;

/**
 * Where one task attempt's records go, and the proof that they arrived: the job's is {@link KafkaAttemptOutput} over the
 * shared Kafka producer; the unit-tier tests use one in memory. The first failed send ends the attempt: nothing after
 * it counts as done (DESIGN.md "Output is a gap-free prefix per task attempt").
 */
public interface AttemptOutput {
    /** Sends a record to an explicit partition (null: the key's) with a timestamp (null: now) and headers. */
    void send(String topic, Integer partition, Long timestamp, byte[] key, byte[] value, Header... headers);

    /** True once a send has failed: the caller stops sending, the attempt is lost anyway. */
    boolean failed();

    /** Waits until every record sent is acknowledged; throws {@link KafkaAttemptOutput.OutputFailedException} otherwise. */
    void awaitAcknowledged();

    /** The highest acknowledged offset written to {@code topic}, -1 if none. */
    long lastAcknowledgedOffset(String topic);
}
