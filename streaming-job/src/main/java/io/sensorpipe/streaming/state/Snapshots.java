package io.sensorpipe.streaming.state;

import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import io.sensorpipe.streaming.analytics.PartitionAnalytics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Per-partition state snapshots in the state directory (a local disk in local mode, a shared mount on a cluster):
 * {@code <dir>/<topic>-<partition>/snapshot-<nextOffset>.bin}. A snapshot is the partition's analytics state after
 * every input offset below {@code nextOffset}, written after that input's output was acknowledged; a restore takes the
 * newest snapshot at or below the position it restores for and replays only the output that follows it.
 *
 * <p>Format (version {@value #VERSION}): magic {@code SPST}, version, settings tag, nextOffset, outputPosition, body
 * length, body ({@link PartitionAnalytics#writeTo}), CRC32 of everything before it. Written to a temporary file and
 * renamed, so a crash mid-write leaves the previous snapshots intact; the newest {@value #KEEP} are kept. An unknown
 * version, a bad checksum or other settings are never trusted: the snapshot is skipped with one log line.
 */
public final class Snapshots {
    /** The format this build writes and reads. */
    public static final int VERSION = 2;
    /** Snapshots kept per partition: the newest may belong to input whose offsets are not committed yet. */
    public static final int KEEP = 3;
    private static final int MAGIC = 0x53505354;   // "SPST"
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private Snapshots() {
    }

    /** A snapshot read back: the state, the input offset it is for, and its size in bytes. */
    public record Restored(PartitionAnalytics state, long nextOffset, long bytes, Path file) {
    }

    /** Writes the state after input offsets below {@code nextOffset}; returns the bytes written. */
    public static long write(Path dir, String topic, int partition, long nextOffset, PartitionAnalytics state)
            throws IOException {
        Path partitionDir = dir.resolve(topic + "-" + partition);
        Files.createDirectories(partitionDir);
        byte[] bytes = encode(nextOffset, state);
        Path file = partitionDir.resolve(name(nextOffset));
        Path tmp = partitionDir.resolve(name(nextOffset) + "." + ProcessHandle.current().pid() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(bytes);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Path> all = list(partitionDir);
        for (int i = KEEP; i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
        deleteLeftovers(partitionDir, tmp);
        return bytes.length;
    }

    /**
     * The newest trustworthy snapshot of the partition for input offsets at or below {@code atOrBelow}, or null
     * (none, or none that can be trusted: each one skipped is said in one log line).
     */
    public static Restored newest(Path dir, String topic, int partition, long atOrBelow, AnalyticsSettings settings) {
        Path partitionDir = dir.resolve(topic + "-" + partition);
        if (!Files.isDirectory(partitionDir)) {
            return null;
        }
        try {
            for (Path file : list(partitionDir)) {
                long next = offsetOf(file);
                if (next > atOrBelow) {
                    continue;   // state of input whose offsets were not committed: not committed work
                }
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    return new Restored(decode(bytes, next, settings), next, bytes.length, file);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("snapshot {} is not used ({}); using an older one or rebuilding from the output", file,
                            e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list snapshots in {} ({}); rebuilding from the output", partitionDir, e.getMessage());
        }
        return null;
    }

    /** Temporary files of writers that died mid-write (a crash leaves them; nothing ever reads them). */
    private static void deleteLeftovers(Path partitionDir, Path own) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(partitionDir, "*.tmp")) {
            for (Path p : s) {
                if (!p.equals(own) && Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 60_000) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static byte[] encode(long nextOffset, PartitionAnalytics state) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(body, 64 * 1024))) {
            state.writeTo(out);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(body.size() + 128);
        DataOutputStream out = new DataOutputStream(all);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(Provenance.settingsTag(state.settings()));
        out.writeLong(nextOffset);
        out.writeLong(state.outputPosition());
        out.writeInt(body.size());
        body.writeTo(out);
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(all.toByteArray());
        out.writeLong(crc.getValue());
        return all.toByteArray();
    }

    static PartitionAnalytics decode(byte[] bytes, long expectedNext, AnalyticsSettings settings) throws IOException {
        if (bytes.length < 16) {
            throw new IOException("truncated (" + bytes.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong()) {
            throw new IOException("checksum mismatch: damaged");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a state snapshot");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("format version " + version + ", this build reads version " + VERSION);
        }
        String tag = in.readUTF();
        if (!tag.equals(Provenance.settingsTag(settings))) {
            throw new IOException("computed with " + tag + ", the job runs with " + Provenance.settingsTag(settings));
        }
        long next = in.readLong();
        if (next != expectedNext) {
            throw new IOException("holds offset " + next + " but is named for " + expectedNext);
        }
        long outputPosition = in.readLong();
        int length = in.readInt();
        InputStream body = new BufferedInputStream(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
        PartitionAnalytics state = PartitionAnalytics.readFrom(new DataInputStream(body), settings);
        state.outputPosition(outputPosition);
        return state;
    }

    /** Snapshot files of a partition, newest (highest offset) first; temporary files are not listed. */
    private static List<Path> list(Path partitionDir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(partitionDir, "snapshot-*.bin")) {
            s.forEach(files::add);
        }
        files.sort(Comparator.comparingLong(Snapshots::offsetOf).reversed());
        return files;
    }

    /** True when the partition has any snapshot file (trusted or not). */
    public static boolean any(Path dir, String topic, int partition) {
        Path partitionDir = dir.resolve(topic + "-" + partition);
        try {
            return Files.isDirectory(partitionDir) && !list(partitionDir).isEmpty();
        } catch (IOException e) {
            return true;   // cannot tell: restore it
        }
    }

    private static String name(long nextOffset) {
        return String.format("snapshot-%019d.bin", nextOffset);
    }

    private static long offsetOf(Path file) {
        String n = file.getFileName().toString();
        try {
            return Long.parseLong(n.substring("snapshot-".length(), n.length() - ".bin".length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
