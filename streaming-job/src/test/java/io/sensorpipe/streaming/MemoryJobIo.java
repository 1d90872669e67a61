package io.sensorpipe.streaming;

import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.RecordVerdict;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import io.sensorpipe.streaming.output.AttemptOutput;
import io.sensorpipe.streaming.output.KafkaAttemptOutput;
import io.sensorpipe.streaming.state.CommittedOutput;
import io.sensorpipe.streaming.state.Provenance;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tasks' I/O in memory, for the unit-tier assembly test (Spark local mode: the executors are this JVM). Output is
 * one append-only log per topic-partition, written when an attempt's records are "acknowledged"; a send can be made to
 * fail, in which case the records sent before it are kept (acknowledged, as Kafka would have) and the attempt fails.
 * The state is restored from that log through the job's own {@link CommittedOutput} rule, as the rebuild from alpha
 * does.
 *
 * @param run      names this run's log and failures in the shared maps
 * @param settings the job's settings
 */
record MemoryJobIo(String run, JobSettings settings) implements JobIo {
    /** A stored record. */
    record Stored(String topic, int partition, long offset, byte[] key, byte[] value, Header[] headers) {
    }

    private static final Map<String, List<Stored>> LOGS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> SENDS = new ConcurrentHashMap<>();
    private static final Map<String, Long> FAIL_AT = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> RESTORES = new ConcurrentHashMap<>();

    /** How many partition states the run restored from its output (each a read of a whole output partition). */
    long restores() {
        return RESTORES.computeIfAbsent(run, k -> new AtomicLong()).get();
    }

    /** Makes the {@code n}-th send of the run (counted over all attempts, from 1) fail. */
    void failSend(long n) {
        FAIL_AT.put(run, n);
    }

    /** What the run wrote to {@code topic}, over all partitions, in write order. */
    List<Stored> written(String topic) {
        List<Stored> all = new ArrayList<>();
        LOGS.forEach((k, v) -> {
            if (k.startsWith(run + "|" + topic + "|")) {
                synchronized (v) {
                    all.addAll(v);
                }
            }
        });
        return all;
    }

    private List<Stored> log(String topic, int partition) {
        return LOGS.computeIfAbsent(run + "|" + topic + "|" + partition, k -> new ArrayList<>());
    }

    @Override
    public List<InputRecord> read(InputRange range) {
        throw new UnsupportedOperationException("the queue source hands the records to the task");
    }

    @Override
    public PartitionAnalytics restore(String inputTopic, int partition, long committedBefore) {
        RESTORES.computeIfAbsent(run, k -> new AtomicLong()).incrementAndGet();
        PartitionAnalytics state = new PartitionAnalytics(settings.analytics());
        CommittedOutput filter = new CommittedOutput(committedBefore, Provenance.settingsTag(settings.analytics()));
        List<Stored> log = log(settings.outputTopic(), partition);
        synchronized (log) {
            for (Stored s : log) {
                if (filter.judge(Provenance.of(new RecordHeaders(s.headers()))) == CommittedOutput.Verdict.TAKE) {
                    Decoded<DerivedRecord> d = RecordVerdict.analytics(s.key(), s.value(), -1);
                    state.restore(d.value());
                }
            }
            state.outputPosition(log.size());
        }
        return state;
    }

    @Override
    public boolean outputSettledFor(String inputTopic, int partitions) {
        List<org.apache.kafka.common.header.Headers> first = new ArrayList<>();
        LOGS.forEach((k, v) -> {
            if (k.startsWith(run + "|" + settings.outputTopic() + "|")) {
                synchronized (v) {
                    if (!v.isEmpty()) {
                        first.add(v.stream().map(s -> (org.apache.kafka.common.header.Headers)
                                new RecordHeaders(s.headers())).filter(h -> Provenance.of(h) != null)
                                .findFirst().orElse(null));
                    }
                }
            }
        });
        return Provenance.settledFor(first, partitions);
    }

    @Override
    public AttemptOutput attemptOutput() {
        return new MemoryOutput();
    }

    /** One attempt's output. */
    private final class MemoryOutput implements AttemptOutput {
        private final List<Stored> pending = new ArrayList<>();
        private boolean failed;

        @Override
        public void send(String topic, Integer partition, Long timestamp, byte[] key, byte[] value, Header... headers) {
            long n = SENDS.computeIfAbsent(run, k -> new AtomicLong()).incrementAndGet();
            if (failed || n == FAIL_AT.getOrDefault(run, -1L)) {
                failed = true;
                return;
            }
            pending.add(new Stored(topic, partition == null ? 0 : partition, -1, key, value, headers));
        }

        @Override
        public boolean failed() {
            return failed;
        }

        @Override
        public void awaitAcknowledged() {
            for (Stored s : pending) {
                List<Stored> log = log(s.topic(), s.partition());
                synchronized (log) {
                    log.add(new Stored(s.topic(), s.partition(), log.size(), s.key(), s.value(), s.headers()));
                }
            }
            if (failed) {
                throw new KafkaAttemptOutput.OutputFailedException("memory output: a send failed", null);
            }
        }

        @Override
        public long lastAcknowledgedOffset(String topic) {
            long last = -1;
            for (Stored s : pending) {
                if (s.topic().equals(topic)) {
                    List<Stored> log = log(topic, s.partition());
                    synchronized (log) {
                        last = Math.max(last, log.size() - 1);
                    }
                }
            }
            return last;
        }
    }
}
