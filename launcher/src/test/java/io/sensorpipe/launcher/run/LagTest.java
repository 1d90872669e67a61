package io.sensorpipe.launcher.run;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LagTest {
    private static final Map<TopicPartition, Long> ENDS = Map.of(
            new TopicPartition("readings", 0), 100L, new TopicPartition("readings", 1), 50L,
            new TopicPartition("alpha", 0), 70L);

    @Test
    void lagIsEndMinusCommittedSummedOverTheTopicsPartitions() {
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of(
                new TopicPartition("readings", 0), new OffsetAndMetadata(90), new TopicPartition("readings", 1),
                new OffsetAndMetadata(50), new TopicPartition("alpha", 0), new OffsetAndMetadata(1));
        assertEquals(10, Lag.of("readings", ENDS, committed));
    }

    @Test
    void partitionWithoutCommitCountsInFull() {
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of(new TopicPartition("readings", 0), new OffsetAndMetadata(100));
        assertEquals(50, Lag.of("readings", ENDS, committed));
    }

    @Test
    void groupThatCommittedNothingOnTheTopicHasUnknownLag() {
        assertEquals(-1, Lag.of("alpha", ENDS, Map.of(new TopicPartition("readings", 0), new OffsetAndMetadata(5))));
    }
}
