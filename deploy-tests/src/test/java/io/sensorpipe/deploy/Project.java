package io.sensorpipe.deploy;

import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.common.process.ProjectHome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checkout under test and the command-line tools the deployment checks run against it. */
final class Project {
    private Project() {
    }

    /** The repository root ({@link ProjectHome}). */
    static Path root() {
        return ProjectHome.find();
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command in the repository root with extra environment (null values remove a variable). */
    static Result run(List<String> command, Map<String, String> env, String stdin) {
        return run(command, env, stdin, Duration.ofSeconds(120));
    }

    /** The same, waiting at most {@code timeout} for it to finish. */
    static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
        ChildProcess.Finished f = ChildProcess.run(ChildProcess.Command.of(command).in(root()).env(env).stdin(stdin),
                timeout);
        return new Result(f.exitCode(), f.output());
    }

    /** The path of {@code tool} on PATH, or a failure telling how to install it (tests never skip). */
    static String requireTool(String tool, String howToInstall) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(tool + " is not installed: " + howToInstall + " (bin/pipeline test provides it when it can)");
    }

    /** Lines of a command's output as a list. */
    static List<String> lines(String output) {
        return new ArrayList<>(output.lines().toList());
    }
}
