package io.sensorpipe.reliability.settings;

import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.Logs;
import io.sensorpipe.reliability.harness.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 item 8: every subcommand of {@code bin/pipeline}, given a bad flag or a bad setting from the environment,
 * exits with code 2 and one clear line naming the setting, without a stack trace. No service runs: each case must be
 * refused before anything is contacted.
 */
class BadSettingsIntegrationTest {
    private static final String BAD_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS=kafka-without-port";
    private static final String BAD_MONGO = "MONGODB_URI=http://db:27017";
    private static Path logs;

    @BeforeAll
    static void scratch() {
        logs = Project.scratch("bad-settings");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                // command line                                         environment      setting named
                bad("stack --no-such-flag", "", "--no-such-flag"),
                bad("stack --partitions 0", "", "--partitions"),
                bad("stack --kafka-port 70000", "", "--kafka-port"),
                bad("simulate --rooms 0", "", "--rooms"),
                bad("simulate --rooms 3 --rate -5", "", "--rate"),
                bad("simulate --rooms 3 --rate fast", "", "--rate"),
                bad("simulate --rooms 3 --duplicate-rate 1.5", "", "--duplicate-rate"),
                bad("simulate --rooms 3 --duration soon", "", "--duration"),
                bad("simulate --rooms 3", BAD_BOOTSTRAP, "KAFKA_BOOTSTRAP_SERVERS"),
                bad("simulate --rooms 3 --kafka-config /nonexistent/client.properties", "", "--kafka-config"),
                bad("simulate --rooms 3 --producer-config partitioner.ignore.keys=true", "", "--producer-config"),
                bad("simulate --rooms 3 --producer-config partitioner.class=x.Y", "", "--producer-config"),
                bad("simulate --rooms 3 --start 2026-11-21T15:00:00Z", "", "--start"),
                bad("simulate --rooms 3 --interval 100ms", "", "--interval"),
                bad("stream --batch-interval 0s", "", "--batch-interval"),
                bad("stream --batch-interval 2h", "", "--batch-interval"),
                bad("stream --window 36000000m", "", "--window"),
                bad("stream --window 2d", "", "--window"),
                bad("stream --window PT999999999999999H", "", "--window"),
                bad("stream --lateness 8d", "", "--lateness"),
                bad("stream --window -5s", "", "--window"),
                bad("stream --max-rate-per-partition -1", "", "--max-rate-per-partition"),
                bad("stream --backpressure maybe", "", "--backpressure"),
                bad("stream --initial-rate 0", "", "--initial-rate"),
                bad("stream", BAD_BOOTSTRAP, "KAFKA_BOOTSTRAP_SERVERS"),
                bad("sink sideways", "", "sink kind"),
                bad("sink raw --batch-size 0", "", "--batch-size"),
                bad("sink raw --max-poll-records -1", "", "--max-poll-records"),
                bad("sink derived --progress-interval 0", "", "--progress-interval"),
                bad("sink raw", BAD_MONGO, "MONGODB_URI"),
                bad("sink raw --metrics-port 70000", "", "--metrics-port"),
                bad("sink late", "METRICS_PORT=http", "METRICS_PORT"),
                bad("stream --metrics-port -1", "", "--metrics-port"),
                bad("stream --late-topic=", "", "--late-topic"),
                bad("simulate --rooms 3 --metrics-port 9464x", "", "--metrics-port"),
                bad("sink derived", BAD_BOOTSTRAP, "KAFKA_BOOTSTRAP_SERVERS"),
                bad("rollup --from yesterday", "", "--from"),
                bad("rollup --read-partitions 0", "", "--read-partitions"),
                bad("rollup", BAD_MONGO, "MONGODB_URI"),
                bad("verify --window 0", "", "--window"),
                bad("verify --window 1500ms", "", "--window"),
                bad("verify --lateness -1", "", "--lateness"),
                bad("verify", BAD_MONGO, "MONGODB_URI"),
                bad("run --rooms 0", "", "--rooms"),
                bad("run --rate -5", "", "--rate"),
                bad("run --duration soon", "", "--duration"),
                bad("report --since yesterday", "", "--since"),
                bad("report", BAD_MONGO, "MONGODB_URI"),
                bad("recompute", "", "--yes"),
                bad("bench --no-such-flag", "", "--no-such-flag"),
                bad("no-such-command", "", "no-such-command"));
    }

    private static Arguments bad(String commandLine, String env, String setting) {
        return Arguments.of(commandLine, env, setting);
    }

    @ParameterizedTest(name = "bin/pipeline {0} [{1}] names {2}")
    @MethodSource("badSettings")
    void badSettingExitsWithCodeTwoAndOneLineNamingIt(String commandLine, String env, String setting) {
        List<String> args = Arrays.asList(commandLine.split(" "));
        Path log = logs.resolve(args.get(0) + "-" + Integer.toHexString(commandLine.hashCode() ^ env.hashCode()) + ".log");
        int exit;
        List<String> lines;
        try (ChildProcess c = Project.pipeline(args.get(0), log, environment(env), args)) {
            exit = c.awaitExit(Duration.ofSeconds(120));
            lines = c.logLines().stream().skip(1).filter(l -> !l.isBlank()).toList();   // skip our header
        }
        String output = String.join("\n", lines);

        assertEquals(2, exit, "exit code of '" + commandLine + "'; output:\n" + output);
        assertFalse(Logs.hasStackTrace(output), "a stack trace or exception name in:\n" + output);
        String first = lines.isEmpty() ? "" : lines.get(0);
        assertTrue(first.startsWith("error") && first.contains(setting),
                "the first line is not an error naming '" + setting + "':\n" + output);
    }

    /** Working addresses unless the case breaks one; no stack.env of a running stack is picked up. */
    private static Map<String, String> environment(String override) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        env.put("MONGODB_URI", "mongodb://127.0.0.1:1");
        env.put("SENSORPIPE_DATA", logs.resolve("no-stack-env").toString());
        if (!override.isEmpty()) {
            String[] kv = override.split("=", 2);
            env.put(kv[0], kv[1]);
        }
        return env;
    }
}
