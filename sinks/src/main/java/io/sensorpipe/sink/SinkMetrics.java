package io.sensorpipe.sink;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sensorpipe.sink.write.WriteObserver;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus series of one sink, all tagged {@code sink=raw|derived} and {@code topic}:
 * <ul>
 * <li>{@code sensorpipe_sink_documents_written_total}, {@code sensorpipe_sink_duplicates_skipped_total},
 * {@code sensorpipe_sink_dead_letters_total}, {@code sensorpipe_sink_batches_total}: the committed totals of
 * {@link SinkCounters};</li>
 * <li>{@code sensorpipe_sink_retries_total} and {@code sensorpipe_sink_backoff_seconds} (the delay of the retry
 * pending now, 0 when none), as they happen;</li>
 * <li>{@code sensorpipe_sink_bulk_write_seconds}: each bulk write's duration (histogram);</li>
 * <li>{@code sensorpipe_sink_end_to_end_latency_seconds}: from a reading's event time ({@code ts}) to MongoDB
 * acknowledging its document (histogram with Prometheus buckets, so high percentiles come from
 * {@code histogram_quantile} over every instance);</li>
 * <li>{@code sensorpipe_sink_consumer_lag_records{partition}}: records behind the end of each held partition;</li>
 * <li>the derived sink: {@code sensorpipe_room_temperature_celsius{room}}, {@code
 * sensorpipe_room_rolling_avg_celsius{room}}.</li>
 * </ul>
 */
final class SinkMetrics implements WriteObserver {
    /** Rooms with their own temperature series, at most. */
    static final int MAX_ROOMS = 1000;
    private final Timer bulkWrite;
    private final Timer endToEnd;
    private final io.micrometer.core.instrument.Counter retries;
    private final AtomicLong backoffMillis = new AtomicLong();
    private final MultiGauge lag;
    private final MeterRegistry registry;
    private final boolean rooms;
    private final Map<String, double[]> lastOfRoom = new ConcurrentHashMap<>();

    SinkMetrics(MeterRegistry registry, SinkKind kind, SinkCounters counters, SinkHealth health) {
        this.registry = registry;
        this.rooms = kind == SinkKind.DERIVED;
        Tags tags = Tags.of("sink", kind.stage().substring("sink-".length()), "topic", kind.topic());
        FunctionCounter.builder("sensorpipe.sink.documents.written", counters, SinkCounters::inserted).tags(tags)
                .description("Documents newly stored (committed batches)").register(registry);
        FunctionCounter.builder("sensorpipe.sink.duplicates.skipped", counters, SinkCounters::duplicates).tags(tags)
                .description("Documents already stored (replays), skipped").register(registry);
        FunctionCounter.builder("sensorpipe.sink.dead.letters", counters, SinkCounters::deadLetters).tags(tags)
                .description("Records stored as dead letters").register(registry);
        FunctionCounter.builder("sensorpipe.sink.batches", counters, SinkCounters::batches).tags(tags)
                .description("Batches acknowledged and committed").register(registry);
        retries = io.micrometer.core.instrument.Counter.builder("sensorpipe.sink.retries").tags(tags)
                .description("Transient MongoDB failures retried").register(registry);
        Gauge.builder("sensorpipe.sink.backoff", backoffMillis, b -> b.get() / 1000.0).tags(tags).baseUnit("seconds")
                .description("Delay of the retry pending now (0 when none)").register(registry);
        Gauge.builder("sensorpipe.sink.partitions.assigned", health, SinkHealth::assigned).tags(tags)
                .description("Partitions the consumer holds").register(registry);
        bulkWrite = Timer.builder("sensorpipe.sink.bulk.write").tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .description("Duration of one unordered bulk write").register(registry);
        endToEnd = Timer.builder("sensorpipe.sink.end.to.end.latency").tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30))
                .description("From a reading's event time to its document being stored").register(registry);
        lag = MultiGauge.builder("sensorpipe.sink.consumer.lag").tags(tags).baseUnit("records")
                .description("Records behind the end of the partition").register(registry);
        health.onLag(this::lag);
    }

    @Override
    public void bulkWrite(long nanos, int documents) {
        bulkWrite.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stored(Document document, long ackMillis) {
        if (document.get("ts") instanceof Date ts) {
            endToEnd.record(Math.max(0, ackMillis - ts.getTime()), TimeUnit.MILLISECONDS);
        }
        if (rooms) {
            room(document);
        }
    }

    /**
     * The derived sink: {@code sensorpipe_room_temperature_celsius{room}} and {@code
     * sensorpipe_room_rolling_avg_celsius{room}}, the last stored derived record of each room (at most
     * {@link #MAX_ROOMS} rooms, to bound the series).
     */
    private void room(Document d) {
        if (!(d.get("roomId") instanceof String room) || !(d.get("temperature") instanceof Number t)
                || !(d.get("rollingAvg") instanceof Number avg)) {
            return;
        }
        double[] last = lastOfRoom.get(room);
        if (last == null) {
            if (lastOfRoom.size() >= MAX_ROOMS) {
                return;
            }
            double[] fresh = {Double.NaN, Double.NaN};
            last = lastOfRoom.putIfAbsent(room, fresh);
            if (last == null) {
                last = fresh;
                double[] held = fresh;
                Gauge.builder("sensorpipe.room.temperature", () -> held[0]).tags("room", room).baseUnit("celsius")
                        .description("Temperature of the room's last stored derived record").register(registry);
                Gauge.builder("sensorpipe.room.rolling.avg", () -> held[1]).tags("room", room).baseUnit("celsius")
                        .description("Rolling average of the room's last stored derived record").register(registry);
            }
        }
        last[0] = t.doubleValue();
        last[1] = avg.doubleValue();
    }

    @Override
    public void retrying(long delayMillis) {
        retries.increment();
        backoffMillis.set(delayMillis);
    }

    @Override
    public void settled() {
        backoffMillis.set(0);
    }

    private void lag(Map<TopicPartition, Long> perPartition) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>(perPartition.size());
        perPartition.forEach((tp, records) ->
                rows.add(MultiGauge.Row.of(Tags.of("partition", Integer.toString(tp.partition())), records)));
        lag.register(rows, true);
    }
}
