package io.sensorpipe.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The public decoders (canonical fast path first) give exactly what the streaming parser alone gives: the same
 * record bit for bit or the same rejection reason, for random canonical records and for random mutations of their
 * bytes. Fixed seeds: a failure names the input and reproduces.
 */
class CodecEquivalenceTest {
    private static final int RECORDS = 5_000;
    private static final int MUTANTS_PER_RECORD = 4;
    private static final String JSONISH = "0123456789-+.eE:,\"{}[] \tnulltrue\\";

    /** How many inputs were compared and how many of them the fast path handled. */
    private record Tally(int compared, int handled) {
    }

    /** Canonical bytes of a generated record, and its event time (for the clock it is decoded with). */
    private record Canonical(byte[] bytes, long tsMillis) {
    }

    /** Decodes with both paths, fails on any difference, and counts. */
    @FunctionalInterface
    private interface Comparison {
        Tally compare(byte[] bytes, long now, Tally tally);
    }

    @Test
    void readingsAndTheirMutantsDecodeAsTheStreamingParserAlone() {
        compareWithMutants("readings", new RandomRecords(20261121L), (gen, i) -> {
            Reading r = i % 2 == 0 ? gen.typicalReading() : gen.edgeReading();
            return new Canonical(Codec.encode(r), r.tsMillis());
        }, CodecEquivalenceTest::compareReading);
    }

    @Test
    void derivedRecordsAndTheirMutantsDecodeAsTheStreamingParserAlone() {
        compareWithMutants("derived records", new RandomRecords(60L), (gen, i) -> {
            DerivedRecord a = i % 2 == 0 ? gen.typicalAnalytics() : gen.edgeAnalytics();
            return new Canonical(Codec.encode(a), a.tsMillis());
        }, CodecEquivalenceTest::compareAnalytics);
    }

    /** Half typical, half edge records: each canonical, then mutated a few times; both compared. */
    private static void compareWithMutants(String what, RandomRecords gen,
                                           BiFunction<RandomRecords, Integer, Canonical> record, Comparison comparison) {
        Tally canonical = new Tally(0, 0);
        Tally mutants = new Tally(0, 0);
        for (int i = 0; i < RECORDS; i++) {
            Canonical c = record.apply(gen, i);
            long now = clock(gen.random(), c.tsMillis());
            canonical = comparison.compare(c.bytes(), now, canonical);
            for (int m = 0; m < MUTANTS_PER_RECORD; m++) {
                mutants = comparison.compare(mutate(gen.random(), c.bytes()), now, mutants);
            }
        }
        report(what, "canonical", canonical, "mutants", mutants);
    }

    /** Number texts of every shape the JSON grammar allows (and near misses), in the temperature and average. */
    @Test
    void numberTextsDecodeAsTheStreamingParserAlone() {
        Random rnd = new Random(104L);
        String reading = "{\"v\":1,\"roomId\":\"room-001\",\"seq\":1,\"ts\":\"2026-11-21T15:04:05.123Z\",\"temperature\":";
        String derived = reading + "21.5,\"change\":null,\"gap\":0,\"rollingAvg\":";
        String derivedTail = ",\"rollingMin\":20.9,\"rollingMax\":21.5,\"rollingCount\":12,\"windowSeconds\":60}";
        Tally temperatures = new Tally(0, 0);
        Tally averages = new Tally(0, 0);
        for (int i = 0; i < RECORDS * 2; i++) {
            String number = numberText(rnd);
            temperatures = compareReading(latin1(reading + number + "}"), RandomRecords.NOW, temperatures);
            averages = compareAnalytics(latin1(derived + number + derivedTail), RandomRecords.NOW, averages);
        }
        report("number texts", "as temperature", temperatures, "as rollingAvg", averages);
    }

    /** Mostly the test clock; for a quarter of the records, one that puts ts right at the 7-day future limit. */
    private static long clock(Random rnd, long ts) {
        return rnd.nextInt(4) == 0 ? ts - Codec.MAX_FUTURE_MILLIS + rnd.nextInt(3) - 1 : RandomRecords.NOW;
    }

    private static Tally compareReading(byte[] bytes, long now, Tally tally) {
        return compare(bytes, Codec.decodeReading(bytes, now), Codec.decodeReadingSlow(bytes, now),
                CanonicalDecoder.reading(bytes) != null, CodecEquivalenceTest::readingBits, tally);
    }

    private static Tally compareAnalytics(byte[] bytes, long now, Tally tally) {
        return compare(bytes, Codec.decodeDerived(bytes, now), Codec.decodeDerivedSlow(bytes, now),
                CanonicalDecoder.analytics(bytes) != null, CodecEquivalenceTest::analyticsBits, tally);
    }

    private static <T> Tally compare(byte[] bytes, Decoded<T> actual, Decoded<T> expected, boolean handled,
                                     Function<T, String> bits, Tally tally) {
        boolean same = Objects.equals(expected.reason(), actual.reason())
                && Objects.equals(expected.value(), actual.value())
                && (expected.value() == null || bits.apply(expected.value()).equals(bits.apply(actual.value())));
        if (!same) {
            fail("fast path " + (handled ? "handled" : "did not handle") + " "
                    + new String(bytes, StandardCharsets.ISO_8859_1) + " " + Arrays.toString(bytes)
                    + "\n expected " + expected + "\n actual   " + actual);
        }
        return new Tally(tally.compared + 1, tally.handled + (handled ? 1 : 0));
    }

    /** Every double of a reading as raw bits, so that -0.0 and 0.0 (or two NaNs) never pass for each other. */
    private static String readingBits(Reading r) {
        return Long.toHexString(Double.doubleToRawLongBits(r.temperature()));
    }

    private static String analyticsBits(DerivedRecord a) {
        BiFunction<String, Double, String> hex = (name, d) -> name + "=" + (d == null ? "null"
                : Long.toHexString(Double.doubleToRawLongBits(d)));
        return hex.apply("temperature", a.temperature()) + hex.apply(" change", a.change())
                + hex.apply(" avg", a.rollingAvg()) + hex.apply(" min", a.rollingMin())
                + hex.apply(" max", a.rollingMax());
    }

    /** Both paths must have run: the fast path for many inputs of the first kind and some of the second. */
    private static void report(String what, String firstKind, Tally first, String secondKind, Tally second) {
        System.out.printf("%s: %d %s (%d on the fast path), %d %s (%d on the fast path)%n",
                what, first.compared, firstKind, first.handled, second.compared, secondKind, second.handled);
        assertTrue(first.handled > first.compared / 2, what + ": fast path handled too few " + firstKind);
        assertTrue(second.handled > 0 && second.handled < second.compared, what + ": " + secondKind + " on one path only");
    }

    // ------------------------------------------------------------------ mutations

    /** One to three random edits of canonical bytes. */
    private static byte[] mutate(Random rnd, byte[] canonical) {
        byte[] b = canonical;
        int edits = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0);
        for (int i = 0; i < edits && b.length > 0; i++) {
            b = mutateOnce(rnd, b);
        }
        return b;
    }

    private static byte[] mutateOnce(Random rnd, byte[] b) {
        int at = rnd.nextInt(b.length);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return switch (rnd.nextInt(12)) {
            case 0 -> set(b, at, (byte) rnd.nextInt(256));
            case 1 -> set(b, at, (byte) JSONISH.charAt(rnd.nextInt(JSONISH.length())));
            case 2 -> splice(b, at, 0, new byte[] {(byte) JSONISH.charAt(rnd.nextInt(JSONISH.length()))});
            case 3 -> splice(b, at, 1, new byte[0]);
            case 4 -> swapDigits(rnd, b);
            case 5 -> splice(b, at, 0, latin1(new String[] {" ", "\n", "\t", "\r"}[rnd.nextInt(4)]));
            case 6 -> Arrays.copyOf(b, at);
            case 7 -> latin1(replaceOne(rnd, s, new String[][] {
                {"null", "0"}, {"null", "nul"}, {"null", "NULL"}, {".0,", ","}, {".0,", ".0e0,"}, {".0,", "E1,"},
                {":0,", ":-0,"}, {":0,", ":00,"}, {":1,", ":1.0,"}, {":1,", ":1e0,"}, {"Z\"", "+00:00\""},
                {"Z\"", "\""}, {".", ".0"}, {"-", "+"}, {"\"v\":1", "\"v\":2"}, {"room-", "room\\u002d"},
                {"T", "t"}, {"T", " "}}));
            case 8 -> latin1(replaceOne(rnd, s, new String[][] {
                {"\"v\"", "\"V\""}, {"\"seq\"", "\"sequence\""}, {"\"ts\"", "\"t\\u0073\""},
                {"rollingMin", "rollingMax"}, {"rollingAvg", "rollingMin"}, {"\"gap\"", "\"gap\":0,\"gap\""},
                {"}", ",\"extra\":[1,{}]}"}, {"}", "}}"}, {"{", "[{"}, {"\"change\"", "\"delta\""},
                {"\"roomId\"", "\"room\""}}));
            case 9 -> timestampEdit(rnd, s);
            case 10 -> splice(b, at, rnd.nextInt(Math.min(8, b.length - at)) + 1, new byte[0]);
            default -> set(b, at, (byte) ('0' + rnd.nextInt(10)));
        };
    }

    /** A timestamp with one field set to a value at or past its limit: month 13, day 29-32, hour 24, second 60. */
    private static byte[] timestampEdit(Random rnd, String s) {
        int ts = s.indexOf("\"ts\":\"") + 6;
        if (ts < 6 || ts + 24 > s.length()) {
            return latin1(s);
        }
        String[][] fields = {
            {"5", "00", "01", "02", "12", "13", "99"},
            {"8", "00", "28", "29", "30", "31", "32"},
            {"11", "00", "23", "24"},
            {"14", "59", "60"},
            {"17", "59", "60", "61"},
            {"0", "0000", "1999", "2000", "2024", "2025", "2100", "9999"},
        };
        String[] field = fields[rnd.nextInt(fields.length)];
        int at = ts + Integer.parseInt(field[0]);
        String value = field[1 + rnd.nextInt(field.length - 1)];
        return latin1(s.substring(0, at) + value + s.substring(at + value.length()));
    }

    private static String replaceOne(Random rnd, String s, String[][] pairs) {
        String[] pair = pairs[rnd.nextInt(pairs.length)];
        int at = s.indexOf(pair[0], rnd.nextInt(s.length()));
        if (at < 0) {
            at = s.indexOf(pair[0]);
        }
        return at < 0 ? s : s.substring(0, at) + pair[1] + s.substring(at + pair[0].length());
    }

    private static byte[] swapDigits(Random rnd, byte[] b) {
        byte[] c = b.clone();
        for (int tries = 0; tries < 20 && c.length > 1; tries++) {
            int i = rnd.nextInt(c.length - 1);
            if (Character.isDigit(c[i]) || Character.isDigit(c[i + 1])) {
                byte t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                return c;
            }
        }
        return c;
    }

    private static byte[] set(byte[] b, int at, byte value) {
        byte[] c = b.clone();
        c[at] = value;
        return c;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] c = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(insert, 0, c, at, insert.length);
        System.arraycopy(b, at + remove, c, at + insert.length, b.length - at - remove);
        return c;
    }

    /** A number text: mostly valid JSON with 1-20 integer and fraction digits and exponents, sometimes not. */
    private static String numberText(Random rnd) {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextInt(3) == 0) {
            sb.append('-');
        }
        int intDigits = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(20) : 1 + rnd.nextInt(3);
        sb.append(rnd.nextInt(8) == 0 ? '0' : (char) ('1' + rnd.nextInt(9)));
        appendDigits(rnd, sb, intDigits - 1);
        if (rnd.nextInt(4) != 0) {
            appendDigits(rnd, sb.append('.'), rnd.nextInt(25) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 5));
        }
        if (rnd.nextInt(3) == 0) {
            sb.append(rnd.nextBoolean() ? 'e' : 'E').append(new String[] {"", "+", "-"}[rnd.nextInt(3)]);
            int exponent = rnd.nextInt(6) == 0 ? rnd.nextInt(400) : rnd.nextInt(30);
            sb.append(rnd.nextInt(30) == 0 ? "" : (rnd.nextInt(20) == 0 ? "00" : "") + exponent);
        }
        return sb.toString();
    }

    private static void appendDigits(Random rnd, StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
