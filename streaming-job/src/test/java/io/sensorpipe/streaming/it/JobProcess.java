package io.sensorpipe.streaming.it;

import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.streaming.StreamCommand;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The streaming job as a separate JVM, started the way bin/pipeline starts it (module classpath + Spark opens). */
final class JobProcess {
    private JobProcess() {
    }

    /** Starts {@code StreamCommand} with the given arguments; output appended to {@code log}. */
    static ChildProcess start(Path log, List<String> args) {
        List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx768m");
        // the same --add-opens flags this test JVM got from ${spark.java17.opens}
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).forEach(jvm::add);
        return ChildProcess.start(ChildProcess.Command.java(jvm, ChildProcess.moduleClasspath(Path.of(""), true),
                StreamCommand.class.getName(), args).named("stream"), log);
    }
}
