package io.sensorpipe.streaming;

import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import io.sensorpipe.streaming.input.InputReader;
import io.sensorpipe.streaming.output.AlphaProducer;
import io.sensorpipe.streaming.output.AttemptOutput;
import io.sensorpipe.streaming.output.KafkaAttemptOutput;
import io.sensorpipe.streaming.state.AlphaRebuilder;

import java.util.List;

/**
 * The job's I/O: input read from Kafka ({@link InputReader}), state restored from the newest snapshot and the
 * committed output on alpha ({@link AlphaRebuilder}), output through the executor's shared producer
 * ({@link AlphaProducer}).
 *
 * @param settings the job's settings (Kafka client, topics, analytics, state directory)
 */
public record KafkaJobIo(JobSettings settings) implements JobIo {
    @Override
    public List<InputRecord> read(InputRange range) {
        return InputReader.read(settings.kafkaClient(), range);
    }

    @Override
    public PartitionAnalytics restore(String inputTopic, int partition, long committedBefore) {
        return AlphaRebuilder.restore(settings.analytics(), settings.kafkaClient(), inputTopic, settings.outputTopic(),
                partition, committedBefore, settings.stateDirPath());
    }

    @Override
    public AttemptOutput attemptOutput() {
        return new KafkaAttemptOutput(AlphaProducer.get(settings.kafkaClient()));
    }
}
