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
    /** Per state scope, topic and cut: the partitions with state ({@link #partitionsWithState}). */
    private static final java.util.Map<String, java.util.Collection<Integer>> WITH_STATE =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Per state scope, topic and partition count: output found settled ({@link #outputSettledFor}). */
    private static final java.util.Set<String> SETTLED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public List<InputRecord> read(InputRange range) {
        return InputReader.read(settings.kafkaClient(), range);
    }

    @Override
    public PartitionAnalytics restore(String inputTopic, int partition, long committedBefore) {
        return AlphaRebuilder.restore(settings.analytics(), settings.kafkaClient(), inputTopic, settings.outputTopic(),
                partition, committedBefore, settings.stateDirPath());
    }

    /**
     * Asked once per executor JVM and cut (the tasks of one batch ask the same question): output only grows, so a
     * partition without state when first asked had none at the batch's start either.
     */
    @Override
    public java.util.Collection<Integer> partitionsWithState(String inputTopic, java.util.Map<Integer, Long> cut) {
        String key = settings.stateScope() + "|" + inputTopic + "|" + cut;
        if (WITH_STATE.size() > 64) {
            WITH_STATE.clear();
        }
        return WITH_STATE.computeIfAbsent(key, k -> AlphaRebuilder.partitionsWithState(settings.kafkaClient(),
                inputTopic, settings.outputTopic(), cut.keySet(), settings.stateDirPath()));
    }

    /** Asked once per executor JVM, input topic and partition count while true; false is asked again. */
    @Override
    public boolean outputSettledFor(String inputTopic, int partitions) {
        String key = settings.stateScope() + "|" + inputTopic + "|" + partitions;
        if (SETTLED.contains(key)) {
            return true;
        }
        boolean settled = AlphaRebuilder.outputSettledFor(settings.kafkaClient(), settings.outputTopic(), partitions);
        if (settled) {
            SETTLED.add(key);
        }
        return settled;
    }

    @Override
    public AttemptOutput attemptOutput() {
        return new KafkaAttemptOutput(AlphaProducer.get(settings.kafkaClient()));
    }
}
