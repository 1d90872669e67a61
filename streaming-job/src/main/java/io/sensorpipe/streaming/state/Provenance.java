package io.sensorpipe.streaming.state;

import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where a derived record on alpha came from, carried in its Kafka headers so the state can be rebuilt from
 * committed work only: the input offset it was derived from, the task attempt that wrote it with the record's
 * index within that attempt (an attempt's output is trusted only as a gap-free prefix), and the W and L it was
 * computed with (settings are part of the state).
 *
 * @param sourceOffset offset of the reading on the same-numbered readings partition
 * @param attempt      random id of the task attempt that wrote it
 * @param index        0, 1, 2 ... within that attempt (per output partition: one attempt writes one partition)
 * @param settings     W and L, as {@code "W=60000ms,L=300000ms"}
 */
public record Provenance(long sourceOffset, long attempt, long index, String settings) {
    /** Header with the source offset (8 bytes, big-endian). */
    public static final String SOURCE_OFFSET = "sensorpipe.src";
    /** Header with the attempt id and the index within it (16 bytes). */
    public static final String ATTEMPT = "sensorpipe.attempt";
    /** Header with the analytics settings (UTF-8). */
    public static final String SETTINGS = "sensorpipe.settings";
    /** Header with the input's partition count the record was derived at (4 bytes; absent: not known). */
    public static final String PARTITIONS = "sensorpipe.partitions";

    /** The settings tag recorded with every derived record. */
    public static String settingsTag(AnalyticsSettings s) {
        return "W=" + s.windowMillis() + "ms,L=" + s.latenessMillis() + "ms";
    }

    /**
     * The headers of a derived record: the three of its provenance, and the input's partition count it was derived at
     * when that is known ({@code partitions} > 0).
     */
    public static Header[] headers(long sourceOffset, long attempt, long index, byte[] settingsTag, int partitions) {
        Header src = new RecordHeader(SOURCE_OFFSET, ByteBuffer.allocate(8).putLong(sourceOffset).array());
        Header att = new RecordHeader(ATTEMPT, ByteBuffer.allocate(16).putLong(attempt).putLong(index).array());
        Header set = new RecordHeader(SETTINGS, settingsTag);
        return partitions <= 0 ? new Header[] {src, att, set}
                : new Header[] {src, att, set, new RecordHeader(PARTITIONS, ByteBuffer.allocate(4).putInt(partitions)
                        .array())};
    }

    /** The input's partition count a derived record was derived at; 0 when its headers do not say. */
    public static int partitionCount(Headers headers) {
        Header h = headers.lastHeader(PARTITIONS);
        return h == null || h.value() == null || h.value().length != 4 ? 0 : ByteBuffer.wrap(h.value()).getInt();
    }

    /**
     * Whether a state rebuilt from its own output partition alone is complete at input partition count
     * {@code partitions}: true when the first of the job's records on every output partition that has any was derived
     * at that count. Each room's records at one count are all on its owner's partition, and counts only grow along a
     * partition, so then no room has history on another partition. {@code firstRecords} holds, per output partition
     * with records, the headers of its first record with the job's provenance, or null when none was found.
     */
    public static boolean settledFor(java.util.Collection<Headers> firstRecords, int partitions) {
        for (Headers h : firstRecords) {
            if (h == null || partitionCount(h) != partitions) {
                return false;
            }
        }
        return true;
    }

    /** The provenance in a record's headers, or null when they are missing or malformed (not the job's record). */
    public static Provenance of(Headers headers) {
        Header src = headers.lastHeader(SOURCE_OFFSET);
        Header att = headers.lastHeader(ATTEMPT);
        Header set = headers.lastHeader(SETTINGS);
        if (src == null || att == null || set == null || src.value() == null || att.value() == null
                || set.value() == null || src.value().length != 8 || att.value().length != 16) {
            return null;
        }
        ByteBuffer a = ByteBuffer.wrap(att.value());
        return new Provenance(ByteBuffer.wrap(src.value()).getLong(), a.getLong(), a.getLong(),
                new String(set.value(), StandardCharsets.UTF_8));
    }
}
