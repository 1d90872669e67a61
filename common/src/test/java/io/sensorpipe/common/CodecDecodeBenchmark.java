package io.sensorpipe.common;

import java.util.Arrays;

/**
 * Not a test: decodes 1,000,000 canonical readings and 1,000,000 canonical derived records with the streaming
 * parser alone ({@code decode*Slow}) and with the public decoders (canonical fast path first), after a warm-up,
 * several rounds in alternation, and prints the median nanoseconds per record of each. Run after {@code mvn -pl common install}:
 * <pre>java -Xmx1g -cp common/target/classes:common/target/test-classes:$GSON_JAR \
 *     io.sensorpipe.common.CodecDecodeBenchmark [records] [rounds]</pre>
 */
public final class CodecDecodeBenchmark {
    /** One of the decoders under test. */
    @FunctionalInterface
    private interface Decoder {
        Decoded<?> decode(byte[] value, long nowMillis);
    }

    private CodecDecodeBenchmark() {
    }

    /** Arguments: records per kind (default 1,000,000) and rounds (default 5). */
    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RandomRecords gen = new RandomRecords(42);
        byte[][] readings = new byte[records][];
        byte[][] derived = new byte[records][];
        for (int i = 0; i < records; i++) {
            readings[i] = Codec.encode(gen.typicalReading());
            derived[i] = Codec.encode(gen.typicalAnalytics());
        }
        long now = RandomRecords.NOW;
        row("readings", readings, rounds, Codec::decodeReadingSlow, Codec::decodeReading, now);
        row("derived records", derived, rounds, Codec::decodeDerivedSlow, Codec::decodeDerived, now);
    }

    private static void row(String what, byte[][] values, int rounds, Decoder slow,
                            Decoder fast, long now) {
        nsPerRecord(Arrays.copyOf(values, Math.min(values.length, 200_000)), slow, now);   // warm-up: JIT
        nsPerRecord(Arrays.copyOf(values, Math.min(values.length, 200_000)), fast, now);
        double[] slowNs = new double[rounds];
        double[] fastNs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            slowNs[r] = nsPerRecord(values, slow, now);
            fastNs[r] = nsPerRecord(values, fast, now);
        }
        double s = median(slowNs);
        double f = median(fastNs);
        System.out.printf("%-16s %,d records x %d rounds: slow %.0f ns/record, fast %.0f ns/record (%.1fx)%n",
                what, values.length, rounds, s, f, s / f);
    }

    private static double nsPerRecord(byte[][] values, Decoder decode, long now) {
        long start = System.nanoTime();
        int ok = 0;
        for (byte[] v : values) {
            if (decode.decode(v, now).isOk()) {
                ok++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (ok != values.length) {
            throw new IllegalStateException((values.length - ok) + " records rejected");
        }
        return (double) elapsed / values.length;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
