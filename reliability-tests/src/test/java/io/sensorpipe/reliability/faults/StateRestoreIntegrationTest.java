package io.sensorpipe.reliability.faults;

import io.sensorpipe.common.Names;
import io.sensorpipe.common.process.ChildProcess;
import io.sensorpipe.reliability.harness.NetPromise;
import io.sensorpipe.reliability.harness.Ready;
import io.sensorpipe.reliability.harness.Results;
import io.sensorpipe.reliability.harness.Scale;
import io.sensorpipe.reliability.harness.StoredDocs;
import io.sensorpipe.reliability.harness.TestStack;
import io.sensorpipe.reliability.harness.TopicReader;
import io.sensorpipe.reliability.harness.Waits;
import io.sensorpipe.reliability.harness.WithStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: restores from state snapshots. (1) The job is SIGKILLed the moment a snapshot file is being written
 * (the test watches the state directory for the temporary file and kills then; it shows the hit by the temporary
 * file left behind), restarted, and restores from the previous snapshot. (2) The job is stopped, its snapshots are
 * rewritten with another format version, and the restarted job says so in one line per snapshot and rebuilds from
 * the output. The net promise holds at the end.
 */
@Tag("fault-suite")   // slow: bin/fault-suite only (CI time)
@WithStack("state-restore")
class StateRestoreIntegrationTest {
    private static final long READINGS = Scale.size("restore.readings", 50_000, 200_000);
    private static TestStack stack;
    private static StoredDocs db;

    @Test
    void killDuringASnapshotWriteAndSnapshotsOfAnotherVersionLeaveTheStateRight() throws Exception {
        Path stateDir = stack.dir().resolve("state");
        List<String> job = List.of("stream", "--state-dir", stateDir.toString(), "--snapshot-interval", "200ms",
                "--max-rate-per-partition", "400");
        stack.runWhenReady("sink-raw", List.of("sink", "raw"), Ready.SINK);
        stack.runWhenReady("sink-derived", List.of("sink", "derived"), Ready.SINK);
        ChildProcess simulator = stack.runWhenReady("simulate", List.of("simulate", "--rooms", "1000", "--count",
                Long.toString(READINGS), "--rate", "2000", "--seed", "17", "--duplicate-rate", "0.01",
                "--out-of-order-rate", "0.05"),
                Ready.SIMULATOR);
        TopicReader topics = new TopicReader(stack.bootstrap());

        int hits = 0;
        int tries = 0;
        while (hits < 1 && tries < 6) {
            tries++;
            ChildProcess stream = stack.runWhenReady("stream", job, Ready.STREAM);
            long before = topics.endOffsetTotal(Names.TOPIC_ALPHA);
            long runStart = System.currentTimeMillis();
            // aim only once this run has committed work with snapshots, so the restart has one to use
            Waits.until("the job to write and snapshot", Duration.ofMinutes(3), () -> topics.endOffsetTotal(
                    Names.TOPIC_ALPHA) > before + 3000 && snapshotsSince(stateDir, runStart) >= 6);
            if (killDuringASnapshotWrite(stream, stateDir, Duration.ofSeconds(30))) {
                hits++;
            }
        }
        long snapshotsAfterKills = snapshotFiles(stateDir, ".bin");
        ChildProcess stream = stack.runWhenReady("stream", job, Ready.STREAM);
        assertEquals(0, simulator.awaitExit(Duration.ofMinutes(6)), "simulator exit; log " + simulator.log());
        Waits.untilReaches("derived records", READINGS - 2_000, Duration.ofMinutes(4),
                () -> db.count(Names.COLL_ANALYTICS));
        stream.stop(Duration.ofSeconds(60));
        long restoredFromSnapshot = stream.logLines().stream()
                .filter(l -> l.contains("restored state of") && l.contains("snapshot of offset")).count();

        int rewritten = rewriteVersion(stateDir, 99);
        int from = stream.logLines().size();
        ChildProcess upgraded = stack.runWhenReady("stream", job, Ready.STREAM);
        ChildProcess more = stack.runWhenReady("simulate-more", List.of("simulate", "--rooms", "1000", "--count", "3000",
                "--rate", "1500", "--seed", "18"), Ready.SIMULATOR);
        assertEquals(0, more.awaitExit(Duration.ofMinutes(3)), "simulator exit; log " + more.log());
        NetPromise promise = NetPromise.check(stack, db, Duration.ofSeconds(60), Duration.ofSeconds(300), 0);
        List<String> log = upgraded.logLines();
        long versionLines = log.subList(Math.min(from, log.size()), log.size()).stream()
                .filter(l -> l.contains("format version 99, this build reads version")).count();

        Results.record("state restore", String.format("1000 rooms, %d + 3000 readings, snapshots every 200 ms;"
                        + " %d runs aimed at a snapshot write, %d hit (temporary file left); %d snapshot files after the kills;"
                        + " restores from a snapshot logged %d; %d snapshots rewritten as version 99 -> %d log lines;"
                        + " %s", READINGS, tries, hits, snapshotsAfterKills, restoredFromSnapshot, rewritten, versionLines,
                promise.line()));
        assertTrue(hits >= 1, "no kill hit a snapshot write in " + tries + " tries");
        assertTrue(restoredFromSnapshot >= 1, "no restore used a snapshot");
        assertTrue(rewritten >= 1, "no snapshot to rewrite");
        assertTrue(versionLines >= 1, "the job did not say that it ignored snapshots of another version");
    }

    /**
     * Polls the state directory; when a temporary snapshot file exists, freezes the job (SIGSTOP through a shell
     * that is already running, so the signal takes microseconds) and looks again: still there means the job is
     * frozen mid-write, and it is SIGKILLed; otherwise it is let go (SIGCONT) and the next write is aimed at.
     * True: a kill hit a write.
     */
    private static boolean killDuringASnapshotWrite(ChildProcess job, Path stateDir, Duration within) throws Exception {
        Process shell = new ProcessBuilder("bash", "-c", "while read -r sig pid; do kill -$sig $pid; echo ok; done")
                .redirectErrorStream(true).start();
        try (var toShell = new java.io.PrintWriter(shell.getOutputStream(), true);
             var fromShell = new java.io.BufferedReader(new java.io.InputStreamReader(shell.getInputStream()))) {
            long deadline = System.nanoTime() + within.toNanos();
            int aimed = 0;
            while (System.nanoTime() < deadline) {
                if (snapshotFiles(stateDir, ".tmp") == 0) {
                    continue;
                }
                aimed++;
                toShell.println("STOP " + job.pid());
                fromShell.readLine();
                if (snapshotFiles(stateDir, ".tmp") > 0) {
                    job.kill();
                    System.out.println("SIGKILL while a snapshot was being written (aim " + aimed + "): temporary"
                            + " file left: " + (snapshotFiles(stateDir, ".tmp") > 0));
                    return true;
                }
                toShell.println("CONT " + job.pid());
                fromShell.readLine();
            }
            System.out.println("no kill hit a snapshot write in " + aimed + " aims");
            job.kill();
            return false;
        } finally {
            shell.destroyForcibly();
        }
    }

    private static long snapshotsSince(Path stateDir, long millis) {
        if (!Files.isDirectory(stateDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bin")).filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis() >= millis;
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long snapshotFiles(Path stateDir, String suffix) {
        if (!Files.isDirectory(stateDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;   // a file vanished while we looked
        }
    }

    /** Rewrites every snapshot as format {@code version} (checksum fixed): a build that reads another format. */
    private static int rewriteVersion(Path stateDir, int version) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            int n = 0;
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".bin")).toList()) {
                byte[] b = Files.readAllBytes(f);
                ByteBuffer.wrap(b).putInt(4, version);
                CRC32 crc = new CRC32();
                crc.update(b, 0, b.length - 8);
                ByteBuffer.wrap(b).putLong(b.length - 8, crc.getValue());
                Files.write(f, b);
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
