package io.sensorpipe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pipeline tools}, what {@code bin/pipeline test} runs before the tests: it uses what is there, and says in
 * one line each what it cannot provide, with the command that provides it. Run on a PATH built for each case (fake
 * tools, or none), so that no case installs anything.
 */
class TestToolsTest {
    /** What the launcher script itself needs before it reaches the tools. */
    private static final List<String> BASICS = List.of("bash", "sh", "env", "dirname", "mkdir", "head", "cat");

    @TempDir
    Path tmp;

    @Test
    void usesTheMongoshItIsGivenAndTheDockerComposeOnThePath() throws Exception {
        Path bin = basics();
        script(bin.resolve("docker-compose"), "echo 1.29.2");
        script(bin.resolve("wget"), "echo wget");
        script(bin.resolve("prometheus"), "echo prometheus");
        Path mongosh = script(tmp.resolve("my-mongosh"), "echo 1.10.6");
        Project.Result r = tools(bin, Map.of("MONGOSH", mongosh.toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("tools: mongosh 1.10.6 (MONGOSH=" + mongosh + ")"), r.output());
        assertTrue(r.output().contains("tools: docker-compose (" + bin.resolve("docker-compose") + ")"), r.output());
        assertTrue(r.output().contains("tools: wget (" + bin.resolve("wget") + ")"), r.output());
        assertTrue(r.output().contains("tools: prometheus (" + bin.resolve("prometheus") + ")"), r.output());
        assertTrue(!r.output().contains("MISSING") && !r.output().contains("installing"), r.output());
    }

    @Test
    void aMongoshOtherThanOneXIsNamedNotUsed() throws Exception {
        Path bin = basics();
        script(bin.resolve("docker-compose"), "echo 1.29.2");
        script(bin.resolve("wget"), "echo wget");
        script(bin.resolve("prometheus"), "echo prometheus");
        Path mongosh = script(tmp.resolve("mongosh2"), "echo 2.3.1");
        Project.Result r = tools(bin, Map.of("MONGOSH", mongosh.toString()));
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("tools: MISSING mongosh: MONGOSH=" + mongosh
                + " is not a mongosh 1.x (it says '2.3.1')"), r.output());
    }

    @Test
    void whatItCannotProvideItSaysInOneLineEachWithTheCommand() throws Exception {
        Path bin = basics();   // no mongosh, no npm, no docker-compose, no wget, no prometheus, no apt-get
        Project.Result r = tools(bin, Map.of());
        assertNotEquals(0, r.exitCode(), r.output());
        List<String> missing = Project.lines(r.output()).stream().filter(l -> l.startsWith("tools: MISSING")).toList();
        assertEquals(4, missing.size(), r.output());
        assertTrue(missing.get(0).contains("mongosh 1.x: needs Node.js with npm (apt-get install nodejs npm)"),
                r.output());
        assertTrue(missing.get(1).contains("docker-compose (validates docker-compose.yml; no engine needed): "
                + "sudo apt-get install docker-compose"), r.output());
        assertTrue(missing.get(2).contains("wget (runs compose's Spark health-check commands): sudo apt-get install wget"),
                r.output());
        assertTrue(missing.get(3).contains("prometheus (the metrics test scrapes a running pipeline with a real "
                + "Prometheus): sudo apt-get install prometheus"), r.output());
    }

    @Test
    void aMongoshOneXOnThePathIsUsedAsItIs() throws Exception {
        Path bin = basics();
        script(bin.resolve("docker-compose"), "echo 1.29.2");
        script(bin.resolve("wget"), "echo wget");
        script(bin.resolve("prometheus"), "echo prometheus");
        script(bin.resolve("mongosh"), "echo 1.10.6");
        Project.Result r = tools(bin, Map.of());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("tools: mongosh 1.10.6 (" + bin.resolve("mongosh") + ")"), r.output());
    }

    private Project.Result tools(Path bin, Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin.toString());
        env.put("MONGOSH", null);
        env.put("SENSORPIPE_TOOLS", tmp.resolve("tools").toString());
        env.putAll(extra);
        return Project.run(List.of(Project.root().resolve("bin/pipeline").toString(), "tools"), env, null);
    }

    /** A PATH directory with only the basic commands. */
    private Path basics() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : BASICS) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(Project.requireTool(tool, "coreutils")));
        }
        return bin;
    }

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
