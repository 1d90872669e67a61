package io.sensorpipe.deploy;

import io.sensorpipe.common.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/pipeline}'s class-data sharing, with the real JVM on the real {@code stack} command: a run that fails on
 * a bad flag records nothing worth keeping; the first run that really runs (here: the embedded stack, up and then
 * stopped by SIGTERM) records the archive and marks it; the next launch promotes it and the JVM maps it ({@code
 * -Xshare:on} makes the JVM refuse to start otherwise), except under a JFR recording (Java 17 would crash); an
 * archive cut short (a SIGKILL while it was written) is thrown away, never used.
 */
class ClassArchiveIntegrationTest {
    private static final Path CDS = Project.root().resolve("stack/target/cds");

    @TempDir
    Path data;

    @Test
    void theFirstRealRunRecordsTheClassesAndLaterRunsMapThem() throws Exception {
        deleteArchives();
        Project.Result bad = pipeline(Map.of(), "stack", "--partitions", "0");
        assertEquals(2, bad.exitCode(), bad.output());
        assertEquals(List.of(), marks(), "a run that failed on a flag marks no archive");

        Path log = data.resolve("stack.log");
        ChildProcess stack = ChildProcess.start(ChildProcess.Command.pipeline(Project.root(), List.of("stack",
                "--kafka-port", "0", "--mongo-port", "0", "--data-dir", data.toString())).named("stack")
                .env(Map.of("SENSORPIPE_SKIP_BUILD", "1", "SENSORPIPE_CDS", "on")), log);
        try {
            stack.awaitLog(Pattern.compile("started in"), Duration.ofMinutes(2));
            Thread.sleep(5_500);   // at least the 5 s a run must last to be worth recording
        } finally {
            int code = stack.stop(Duration.ofSeconds(60));
            assertTrue(code == 143 || code == 0, "stopped by SIGTERM: exit " + code + "; log " + log);
        }
        List<Path> parts = files(".part");
        assertEquals(1, parts.size(), "one recording: " + files(""));
        assertTrue(Files.exists(Path.of(parts.get(0) + ".mark")), "marked: " + files(""));
        assertTrue(Files.size(parts.get(0)) > 1_000_000, "the stack's classes: " + Files.size(parts.get(0)));

        Project.Result mapped = pipeline(Map.of("JAVA_OPTS", "-Xshare:on"), "stack", "--partitions", "0");
        assertEquals(2, mapped.exitCode(), "the JVM started with the archive mapped (-Xshare:on): " + mapped.output());
        assertTrue(mapped.output().contains("--partitions"), mapped.output());
        assertTrue(Files.size(CDS.resolve("StackCommand.jsa")) > 1_000_000, "promoted: " + files(""));
        assertEquals(List.of(), files(".part"), "nothing left to promote");

        // an archive cut short, marked: the launcher's check throws it away; the next run records again
        Files.delete(CDS.resolve("StackCommand.jsa"));
        Path cut = CDS.resolve("StackCommand.999999.part");
        Files.write(cut, new byte[4096]);
        Files.writeString(Path.of(cut + ".mark"), "exit 0 after 9 s\n");
        Project.Result after = pipeline(Map.of(), "stack", "--partitions", "0");
        assertEquals(2, after.exitCode(), after.output());
        assertFalse(Files.exists(cut), "the damaged archive is gone: " + files(""));
        assertFalse(Files.exists(CDS.resolve("StackCommand.jsa")), "and was not promoted");
        deleteArchives();
    }

    @Test
    void theStreamingJobUnderAJfrRecordingRunsWithoutTheArchive() throws Exception {
        Path jobCds = Project.root().resolve("streaming-job/target/cds");
        if (Files.isDirectory(jobCds)) {
            try (Stream<Path> s = Files.list(jobCds)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        // a run that lasts (waiting for a broker that is not there) and is stopped by SIGTERM records the archive
        ChildProcess job = ChildProcess.start(ChildProcess.Command.pipeline(Project.root(), List.of("stream",
                "--bootstrap-servers", "127.0.0.1:1")).named("stream").env(Map.of("SENSORPIPE_SKIP_BUILD", "1",
                "SENSORPIPE_CDS", "on", "SENSORPIPE_DATA", data.toString())), data.resolve("stream.log"));
        Thread.sleep(7_000);
        job.stop(Duration.ofSeconds(60));
        Project.Result mapped = pipeline(Map.of("JAVA_OPTS", "-Xshare:on"), "stream", "--window", "0s");
        assertEquals(2, mapped.exitCode(), "the job's JVM maps the archive: " + mapped.output());
        assertTrue(Files.size(jobCds.resolve("StreamCommand.jsa")) > 10_000_000, "the job's classes, Spark's included");
        // Java 17 crashes (SIGSEGV in check_shared_class_file_load_hook) mapping these classes under JFR's hook
        Project.Result recorded = pipeline(Map.of("JAVA_OPTS", "-XX:StartFlightRecording=filename="
                + data.resolve("x.jfr")), "stream", "--window", "0s");
        assertEquals(2, recorded.exitCode(), "no crash under a JFR recording: " + recorded.output());
        assertTrue(recorded.output().contains("--window"), recorded.output());
    }

    private Project.Result pipeline(Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SENSORPIPE_SKIP_BUILD", "1");
        all.put("SENSORPIPE_CDS", "on");
        all.put("SENSORPIPE_DATA", data.toString());
        List<String> command = new java.util.ArrayList<>(List.of(Project.root().resolve("bin/pipeline").toString()));
        command.addAll(List.of(args));
        return Project.run(command, all, null);
    }

    private static List<Path> marks() throws IOException {
        return files(".mark");
    }

    private static List<Path> files(String suffix) throws IOException {
        if (!Files.isDirectory(CDS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(CDS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void deleteArchives() throws IOException {
        for (Path p : files("")) {
            Files.delete(p);
        }
    }
}
