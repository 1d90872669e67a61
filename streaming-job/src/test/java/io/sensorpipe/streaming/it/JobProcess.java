package io.sensorpipe.streaming.it;

import io.sensorpipe.streaming.StreamCommand;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The streaming job as a separate JVM, started the way bin/pipeline starts it (module classpath + Spark opens). */
final class JobProcess {
    private JobProcess() {
    }

    /** Starts {@code StreamCommand} with the given arguments; output goes to {@code log}. */
    static Process start(Path log, List<String> args) throws IOException {
        Path target = Path.of("target");
        String classpath = target.resolve("classes") + ":" + Files.readString(target.resolve("runtime-classpath.txt")).trim()
                + ":" + Files.readString(target.resolve("provided-classpath.txt")).trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        // the same --add-opens flags this test JVM got from ${spark.java17.opens}
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).forEach(command::add);
        command.add("-cp");
        command.add(classpath);
        command.add(StreamCommand.class.getName());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
