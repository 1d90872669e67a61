package io.sensorpipe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pipeline}'s build check: it rebuilds when a POM or a module's sources changed, not when running the
 * pipeline wrote to {@code data/}; a build's output carries no terminal escape codes; and the Spark commands get the
 * {@code --add-opens} list that the parent POM defines. Run on a copy of the script in a scratch project whose
 * {@code mvn} and {@code java} are fakes that record how they were called.
 */
class LauncherBuildCheckTest {
    @TempDir
    Path home;
    private Path calls;
    private Path bin;

    @BeforeEach
    void scratchProject() throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(Project.root().resolve("bin/pipeline"), home.resolve("bin/pipeline"));
        Files.copy(Project.root().resolve("pom.xml"), home.resolve("pom.xml"));
        for (String module : List.of("streaming-job", "sinks")) {
            Files.createDirectories(home.resolve(module + "/src/main/java"));
            Files.writeString(home.resolve(module + "/pom.xml"), "<project/>");
            Files.writeString(home.resolve(module + "/src/main/java/Main.java"), "class Main {}");
            Files.createDirectories(home.resolve(module + "/target/classes"));
            Files.writeString(home.resolve(module + "/target/runtime-classpath.txt"), "/lib/a.jar");
            Files.writeString(home.resolve(module + "/target/provided-classpath.txt"), "/lib/spark.jar");
        }
        calls = home.resolve("calls.txt");
        bin = Files.createDirectories(home.resolve("fake-bin"));
        script(bin.resolve("mvn"), "echo \"mvn $*\" >> " + calls + "\nprintf '\\033[0m\\033[0m[INFO] built\\n'");
        script(bin.resolve("java"), "echo \"java $*\" >> " + calls);
    }

    @Test
    void filesThePipelineWritesUnderDataDoNotTriggerABuildSourcesDo() throws Exception {
        Project.Result first = pipeline("sink", "raw");
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("building (first use or sources changed)"), first.output());
        assertEquals(1, mvnCalls(), calls());

        // what 'run' and 'stack' leave behind: newer than the build stamp, none of them a source
        for (String written : List.of("data/stack.env", "data/state/alpha-0.json", "data/logs/stream.log",
                "data/kafka/meta.properties", ".tools/mongosh/package.json")) {
            Path file = home.resolve(written);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        }
        Project.Result second = pipeline("sink", "raw");
        assertEquals(0, second.exitCode(), second.output());
        assertFalse(second.output().contains("building"), second.output());
        assertEquals(1, mvnCalls(), calls());

        Files.setLastModifiedTime(home.resolve("sinks/src/main/java/Main.java"),
                FileTime.from(Instant.now().plusSeconds(120)));
        Project.Result third = pipeline("sink", "raw");
        assertTrue(third.output().contains("building (first use or sources changed)"), third.output());
        assertEquals(2, mvnCalls(), calls());
    }

    @Test
    void aBuildPrintsNoEscapeCodes() throws Exception {
        Project.Result r = pipeline("build");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("[INFO] built"), r.output());
        assertFalse(r.output().contains("\u001b"), r.output().replace("\u001b", "<ESC>"));
    }

    @Test
    void sparkCommandsGetTheOpensListOfTheParentPom() throws Exception {
        Project.Result r = pipeline("stream", "--help");
        assertEquals(0, r.exitCode(), r.output());
        String pom = Files.readString(home.resolve("pom.xml"));
        String opens = pom.substring(pom.indexOf("<spark.java17.opens>") + "<spark.java17.opens>".length(),
                pom.indexOf("</spark.java17.opens>"));
        String java = Files.readAllLines(calls).stream().filter(l -> l.startsWith("java ")).findFirst().orElseThrow();
        assertTrue(java.startsWith("java " + opens + " -cp "), java);
        assertTrue(java.endsWith("io.sensorpipe.streaming.StreamCommand --help"), java);
        assertTrue(java.contains(":/lib/a.jar:/lib/spark.jar "), java);
    }

    private Project.Result pipeline(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/pipeline").toString()));
        command.addAll(List.of(args));
        return Project.run(command, Map.of("PATH", bin + ":/usr/bin:/bin", "SENSORPIPE_SKIP_BUILD", "",
                "SENSORPIPE_DATA", home.resolve("data").toString(), "SENSORPIPE_HOME", home.toString()), null);
    }

    private long mvnCalls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(l -> l.startsWith("mvn ")).count() : 0;
    }

    private String calls() throws IOException {
        return Files.exists(calls) ? Files.readString(calls) : "(no calls)";
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
