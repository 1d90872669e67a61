package io.sensorpipe.producer;

import java.util.Locale;
import java.util.Map;

/**
 * Benchmark main, not a test: how fast the generator alone produces encoded readings (no Kafka), so the
 * simulator's own CPU cost per reading can be told apart from the producer's and the broker's.
 * Run: {@code java -cp producer/target/test-classes:producer/target/classes:$(cat producer/target/runtime-classpath.txt)
 * io.sensorpipe.producer.GeneratorBenchmark [readings]}
 */
public final class GeneratorBenchmark {
    private GeneratorBenchmark() {
    }

    /** Prints readings/s for a no-fault and a faulty generator, three rounds each. */
    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000;
        for (int round = 1; round <= 3; round++) {
            measure("no faults", n, FaultRates.NONE);
            measure("faults 1%", n, new FaultRates(0.01, 0.01, 0.01, 0.01));
        }
    }

    private static void measure(String label, long n, FaultRates rates) {
        ReadingGenerator g = new ReadingGenerator(20, 42, 1_795_000_000_000L, 1000, rates, Map.of());
        long bytes = 0;
        long t0 = System.nanoTime();
        while (g.readings() < n || g.hasPending()) {
            bytes += g.next().value().length;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "generator %-9s: %d readings in %.2f s = %.0f readings/s, %.1f bytes avg%n",
                label, n, s, n / s, (double) bytes / n);
    }
}
