package io.sensorpipe.streaming.input;

import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.OutputOperationInfo;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSizerTest {
    private static final int PARTITIONS = 6;
    /** A batch on this machine: about 350 ms whatever its size, plus 80 records per ms and partition. */
    private static final double FIXED_MS = 350;
    private static final double PER_MS = 80;

    private static long millis(double perPartition) {
        return Math.round(FIXED_MS + perPartition / PER_MS);
    }

    /** Drains a backlog the way DirectKafkaInputDStream sizes batches: max(Spark's estimate, the floor). */
    private static List<Long> drain(BatchSizer sizer, long sparkPerPartition, int batches) {
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            long perPartition = Math.max(sparkPerPartition, sizer.floorPerPartition());
            sizes.add(perPartition);
            long ms = i == 0 ? 2_900 : millis(perPartition);   // the first batch: a cold JVM
            sizer.observe(perPartition * PARTITIONS, PARTITIONS, ms);
        }
        return sizes;
    }

    @Test
    void aBacklogFillsTheIntervalWithinThreeBatchesAfterTheColdOne() {
        BatchSizer sizer = new BatchSizer(Duration.ofSeconds(1), 0);
        // Spark's initial rate, 50,000/s over 6 partitions, is all its estimate gives here
        List<Long> sizes = drain(sizer, 8_333, 6);
        double full = (BatchSizer.FILL * 1000 - FIXED_MS) * PER_MS;   // 44,000 per partition fill 900 ms
        assertEquals(8_333, sizes.get(0));
        assertEquals(8_333, sizes.get(1), "the cold first batch says nothing: no floor yet");
        assertTrue(sizes.get(2) <= 2 * sizes.get(1) + 1, "at most doubling: " + sizes);
        assertTrue(Math.abs(sizes.get(4) - full) < 0.05 * full, "filled by the fifth batch: " + sizes);
        assertTrue(Math.abs(sizes.get(5) - full) < 0.05 * full, "and stays: " + sizes);
        assertTrue(millis(sizes.get(5)) <= 1000, "a full batch fits the interval: " + millis(sizes.get(5)) + " ms");
    }

    @Test
    void aSlowBatchLowersTheFloorAndACaughtUpInputLeavesIt() {
        BatchSizer sizer = new BatchSizer(Duration.ofSeconds(1), 0);
        drain(sizer, 8_333, 6);
        long full = sizer.floorPerPartition();
        sizer.observe(full * PARTITIONS, PARTITIONS, 3_000);   // output slowed down: three intervals
        long lowered = sizer.floorPerPartition();
        assertTrue(lowered < full && lowered >= full / 2, full + " -> " + lowered);
        sizer.observe(100 * PARTITIONS, PARTITIONS, 40);   // caught up: 100 records per partition
        assertEquals(lowered, sizer.floorPerPartition());
        sizer.observe(0, PARTITIONS, 5);
        assertEquals(lowered, sizer.floorPerPartition());
    }

    @Test
    void theUsersCapBoundsTheFloor() {
        BatchSizer sizer = new BatchSizer(Duration.ofSeconds(1), 20_000);   // below the 44,000 that would fit
        drain(sizer, 8_333, 6);
        assertEquals(20_000, sizer.floorPerPartition());
    }

    @Test
    void sparksBatchInfoGivesRecordsPartitionsAndProcessingTime() {
        BatchSizer sizer = new BatchSizer(Duration.ofSeconds(1), 0);
        sizer.onBatchCompleted(completed(50_000, 2_900));   // cold
        sizer.onBatchCompleted(completed(50_000, 450));
        // 8,333 per partition in 450 ms: 900 ms hold twice as many (the bound)
        assertEquals(16_666, sizer.floorPerPartition());
    }

    private static StreamingListenerBatchCompleted completed(long records, long processingMillis) {
        List<OffsetRange> ranges = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            ranges.add(OffsetRange.create("readings", p, 0, records / PARTITIONS));
        }
        scala.collection.immutable.Map<String, Object> metadata = scala.collection.immutable.Map$.MODULE$.from(
                CollectionConverters.asScala(Map.<String, Object>of("offsets",
                        CollectionConverters.asScala(ranges).toList())));
        StreamInputInfo input = new StreamInputInfo(0, records, metadata);
        scala.collection.immutable.Map<Object, StreamInputInfo> inputs = scala.collection.immutable.Map$.MODULE$.from(
                CollectionConverters.asScala(Map.<Object, StreamInputInfo>of(0, input)));
        scala.collection.immutable.Map<Object, OutputOperationInfo> outputs = scala.collection.immutable.Map$.MODULE$
                .from(CollectionConverters.asScala(Map.<Object, OutputOperationInfo>of()));
        long start = 1_000_000;
        return new StreamingListenerBatchCompleted(new BatchInfo(new Time(start), inputs, start,
                Option.apply((Object) start), Option.apply((Object) (start + processingMillis)), outputs));
    }
}
