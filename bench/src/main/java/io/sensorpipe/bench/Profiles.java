package io.sensorpipe.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a component's CPU time went, from a JDK Flight Recorder file: its execution samples, each charged to the
 * nearest frame (from the top of the stack down) that belongs to a named part (the JSON codec, the analytics, the
 * Kafka client, the MongoDB driver, Spark, ...), so that JDK and Scala library code is charged to whoever called it.
 */
final class Profiles {
    /** Class-name prefixes and the part they belong to; the first match wins, so specific prefixes come first. */
    private static final List<Map.Entry<String, String>> PARTS = List.of(
            Map.entry("io.sensorpipe.common.Codec", "JSON codec"),
            Map.entry("io.sensorpipe.common.Canonical", "JSON codec"),
            Map.entry("io.sensorpipe.common.Timestamps", "JSON codec"),
            Map.entry("com.google.gson", "JSON codec"),
            Map.entry("io.sensorpipe.streaming.analytics", "analytics"),
            Map.entry("io.sensorpipe.producer", "simulator model"),
            Map.entry("io.sensorpipe.sink.write.Documents", "document building"),
            Map.entry("io.sensorpipe", "pipeline glue"),
            Map.entry("net.jpountz", "lz4 compression"),
            Map.entry("org.apache.kafka.common.compress", "lz4 compression"),
            Map.entry("org.apache.kafka.clients.producer", "Kafka producer"),
            Map.entry("org.apache.kafka.clients.consumer", "Kafka consumer"),
            Map.entry("org.apache.kafka.common.record", "Kafka record format"),
            Map.entry("kafka.", "Kafka broker"),
            Map.entry("org.apache.kafka.storage", "Kafka broker"),
            Map.entry("org.apache.kafka.server", "Kafka broker"),
            Map.entry("org.apache.kafka.raft", "Kafka broker"),
            Map.entry("org.apache.kafka.common.network", "Kafka network"),
            Map.entry("org.apache.kafka.common.metrics", "Kafka metrics"),
            Map.entry("org.apache.kafka", "Kafka other"),
            Map.entry("de.bwaldvogel.mongo.backend", "mongo-java-server storage"),
            Map.entry("de.bwaldvogel.mongo.wire", "mongo-java-server wire/BSON"),
            Map.entry("de.bwaldvogel", "mongo-java-server other"),
            Map.entry("org.bson", "MongoDB driver BSON"),
            Map.entry("com.mongodb", "MongoDB driver"),
            Map.entry("org.apache.spark.streaming.kafka010", "Spark Kafka integration"),
            Map.entry("org.apache.spark", "Spark"),
            Map.entry("io.netty", "netty"),
            Map.entry("sun.nio", "network I/O"),
            Map.entry("java.net", "network I/O"),
            Map.entry("sun.net", "network I/O"));

    private Profiles() {
    }

    /** A profile summary: samples in the window, the share of each part, the top methods on the stack's top. */
    record Summary(String name, long samples, Map<String, Double> parts, Map<String, Double> topMethods) {
        String format() {
            if (samples == 0) {
                return String.format("  %-22s no samples%n", name);
            }
            return String.format("  %-22s %,6d samples | %s%n  %-22s top frames: %s%n", name, samples, shares(parts, 8),
                    "", shares(topMethods, 5));
        }

        private static String shares(Map<String, Double> m, int n) {
            return m.entrySet().stream().limit(n)
                    .map(e -> String.format("%s %.0f%%", e.getKey(), e.getValue() * 100))
                    .collect(Collectors.joining(", "));
        }
    }

    /** Summarises the execution samples of {@code jfr} taken between {@code from} and {@code to}. */
    static Summary summarize(String name, Path jfr, Instant from, Instant to) throws IOException {
        Map<String, Long> parts = new HashMap<>();
        Map<String, Long> leaves = new HashMap<>();
        long samples = 0;
        // a process stopped with SIGKILL (the restart stage) leaves an empty or cut recording: no samples from it
        if (Files.isRegularFile(jfr) && Files.size(jfr) > 0) {
            try (RecordingFile file = new RecordingFile(jfr)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent e = file.readEvent();
                    if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                            || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                        continue;
                    }
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    parts.merge(partOf(st.getFrames()), 1L, Long::sum);
                    leaves.merge(methodName(st.getFrames().get(0).getMethod()), 1L, Long::sum);
                }
            } catch (IOException e) {
                // a cut recording: the samples read so far are kept
            }
        }
        return new Summary(name, samples, sortedShares(parts, samples), sortedShares(leaves, samples));
    }

    private static String partOf(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (Map.Entry<String, String> part : PARTS) {
                if (type.startsWith(part.getKey())) {
                    return part.getValue();
                }
            }
        }
        return "JDK/other";
    }

    private static String methodName(RecordedMethod m) {
        String type = m.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }

    private static Map<String, Double> sortedShares(Map<String, Long> counts, long total) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue() / (double) total));
        return out;
    }
}
