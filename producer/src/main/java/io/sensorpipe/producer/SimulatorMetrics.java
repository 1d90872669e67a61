package io.sensorpipe.producer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sensorpipe.common.metrics.MetricsServer;

/**
 * The simulator's Prometheus series, tagged {@code topic}: {@code sensorpipe_simulator_records_sent_total},
 * {@code ..._records_acknowledged_total}, {@code ..._records_failed_total} (every record: readings, their duplicates
 * and malformed companions), {@code ..._readings_total} (fresh readings generated) and
 * {@code sensorpipe_simulator_target_rate_records_per_second} (the {@code --rate}; +Inf for max). The measured rate is
 * Prometheus' {@code rate(sensorpipe_simulator_records_acknowledged_total[1m])}.
 */
final class SimulatorMetrics {
    private SimulatorMetrics() {
    }

    /** Binds the series of one run and its readiness ("kafka": the preflight passed; "sending": the loop runs). */
    static void bind(MetricsServer metrics, SimulatorConfig config, Deliveries deliveries, ReadingGenerator generator,
                     java.util.function.BooleanSupplier sending) {
        MeterRegistry r = metrics.registry();
        Tags tags = Tags.of("topic", config.topic());
        FunctionCounter.builder("sensorpipe.simulator.records.sent", deliveries, Deliveries::sentCount).tags(tags)
                .description("Records handed to the Kafka producer").register(r);
        FunctionCounter.builder("sensorpipe.simulator.records.acknowledged", deliveries, Deliveries::ackedCount)
                .tags(tags).description("Records Kafka acknowledged (acks=all)").register(r);
        FunctionCounter.builder("sensorpipe.simulator.records.failed", deliveries, Deliveries::failedCount)
                .tags(tags).description("Records Kafka did not accept").register(r);
        FunctionCounter.builder("sensorpipe.simulator.readings", generator, ReadingGenerator::readings).tags(tags)
                .description("Fresh readings generated").register(r);
        Gauge.builder("sensorpipe.simulator.target.rate", config, SimulatorConfig::ratePerSecond).tags(tags)
                .baseUnit("records_per_second").description("Records per second asked for (--rate)").register(r);
        metrics.readiness().require("kafka", () -> true).require("sending", sending);
    }
}
