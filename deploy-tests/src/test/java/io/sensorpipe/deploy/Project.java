package io.sensorpipe.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The checkout under test and the command-line tools the deployment checks run against it. */
final class Project {
    private Project() {
    }

    /** The repository root: {@code -Dsensorpipe.home}, else the nearest parent holding docker-compose.yml. */
    static Path root() {
        String home = System.getProperty("sensorpipe.home");
        if (home != null && Files.isRegularFile(Path.of(home, "docker-compose.yml"))) {
            return Path.of(home);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command in the repository root with extra environment (null values remove a variable). */
    static Result run(List<String> command, Map<String, String> env, String stdin)
            throws IOException, InterruptedException {
        return run(command, env, stdin, java.time.Duration.ofSeconds(120));
    }

    /** The same, waiting at most {@code timeout} for it to finish. */
    static Result run(List<String> command, Map<String, String> env, String stdin, java.time.Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = readAll(p.getInputStream());
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
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
