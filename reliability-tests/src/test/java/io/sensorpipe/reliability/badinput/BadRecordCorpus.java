package io.sensorpipe.reliability.badinput;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bad-input corpus of issue 7 item 7: every kind of record the pipeline must set aside, built by editing the
 * canonical JSON of a valid record so each one has exactly one defect.
 */
final class BadRecordCorpus {
    /** Size of the oversized value: 1 MiB. */
    static final int ONE_MB = 1024 * 1024;
    private static final long FAR_FUTURE = 4_102_444_800_000L;   // 2100-01-01

    private BadRecordCorpus() {
    }

    /** Bad values for the {@code readings} topic, built around a valid reading. */
    static List<BadRecord> readings(Reading valid) {
        String ok = text(Codec.encode(valid));
        List<BadRecord> corpus = common(ok, "temperature");
        corpus.add(bad("far-future timestamp", ok.replaceFirst("\"ts\":\"[^\"]+\"", "\"ts\":\"2100-01-01T00:00:00.000Z\""),
                "in the future"));
        return corpus;
    }

    /** Bad values for the {@code alpha} topic, built around a valid derived record. */
    static List<BadRecord> analytics(DerivedRecord valid) {
        String ok = text(Codec.encode(valid));
        List<BadRecord> corpus = common(ok, "rollingAvg");
        corpus.add(bad("far-future timestamp", ok.replaceFirst("\"ts\":\"[^\"]+\"", "\"ts\":\"2100-01-01T00:00:00.000Z\""),
                "in the future"));
        corpus.add(bad("rollingCount zero", ok.replaceFirst("\"rollingCount\":\\d+", "\"rollingCount\":0"),
                "rollingCount"));
        corpus.add(bad("change as text", ok.replaceFirst("\"change\":[^,]+", "\"change\":\"up\""),
                "wrong type for field 'change'"));
        return corpus;
    }

    private static List<BadRecord> common(String ok, String requiredField) {
        List<BadRecord> c = new ArrayList<>();
        c.add(bad("not JSON", "temperature is 21.5 in room-001", "JSON"));
        c.add(new BadRecord("empty", new byte[0], "empty value"));
        c.add(bad("truncated", ok.substring(0, ok.indexOf(",\"temperature\"")), "truncated"));
        c.add(bad("JSON array", "[" + ok + "]", "not a JSON object"));
        c.add(bad("seq as text", ok.replaceFirst("\"seq\":(\\d+)", "\"seq\":\"$1\""), "wrong type for field 'seq'"));
        c.add(bad("temperature as text", ok.replaceFirst("\"temperature\":([-0-9.E]+)", "\"temperature\":\"$1\""),
                "wrong type for field 'temperature'"));
        c.add(bad("NaN", ok.replaceFirst("\"temperature\":[-0-9.E]+", "\"temperature\":NaN"), "non-finite"));
        c.add(bad("Infinity", ok.replaceFirst("\"temperature\":[-0-9.E]+", "\"temperature\":-Infinity"), "non-finite"));
        c.add(bad("missing " + requiredField, ok.replaceFirst(",\"" + requiredField + "\":[^,}]+", ""),
                "missing field '" + requiredField + "'"));
        c.add(bad("missing roomId", ok.replaceFirst("\"roomId\":\"[^\"]+\",", ""), "missing field 'roomId'"));
        c.add(bad("temperature too hot", ok.replaceFirst("\"temperature\":[-0-9.E]+", "\"temperature\":1500.0"),
                "physical range"));
        c.add(bad("temperature below absolute zero", ok.replaceFirst("\"temperature\":[-0-9.E]+", "\"temperature\":-300.0"),
                "physical range"));
        c.add(new BadRecord("1 MB value", oneMegabyte(ok), "oversized value"));
        c.add(new BadRecord("invalid UTF-8", invalidUtf8(ok), "invalid UTF-8"));
        c.add(bad("bad timestamp", ok.replaceFirst("\"ts\":\"[^\"]+\"", "\"ts\":\"yesterday\""), "bad timestamp"));
        c.add(bad("negative seq", ok.replaceFirst("\"seq\":\\d+", "\"seq\":-5"), "negative seq"));
        c.add(bad("unknown schema version", ok.replaceFirst("\"v\":1", "\"v\":2"), "unknown schema version"));
        return c;
    }

    private static BadRecord bad(String kind, String value, String reason) {
        return new BadRecord(kind, value.getBytes(StandardCharsets.UTF_8), reason);
    }

    /** A valid record padded with an unknown field to exactly 1 MiB. */
    private static byte[] oneMegabyte(String ok) {
        String head = ok.substring(0, ok.length() - 1) + ",\"pad\":\"";
        byte[] out = new byte[ONE_MB];
        Arrays.fill(out, (byte) 'x');
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(h, 0, out, 0, h.length);
        out[ONE_MB - 2] = '"';
        out[ONE_MB - 1] = '}';
        return out;
    }

    /** The valid record with two bytes that are not UTF-8 inside the room id. */
    private static byte[] invalidUtf8(String ok) {
        byte[] b = ok.getBytes(StandardCharsets.UTF_8);
        int at = ok.indexOf("room-") + 2;
        b[at] = (byte) 0xC3;
        b[at + 1] = (byte) 0x28;   // 0xC3 must be followed by a continuation byte
        return b;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
