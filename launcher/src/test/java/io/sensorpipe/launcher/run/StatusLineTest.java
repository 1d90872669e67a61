package io.sensorpipe.launcher.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusLineTest {
    private static final Status EARLIER = new Status(1_000, 900, 0, 950, 850, 0, 100, 50, 50, -1);
    private static final Status NOW = new Status(2_000, 1_950, 3, 1_990, 1_900, 2, 50, 10, 50, 85);

    @Test
    void lineShowsCountsRateLagsAndBatchTime() {
        assertEquals("[  10s] produced 2,000 (200/s) | processed 1,950 | stored raw 1,990 derived 1,900 | dead 2"
                        + " | lag job 50 raw 10 derived 50 | batch 85 ms",
                StatusLine.format(Duration.ofSeconds(10), NOW, EARLIER, Duration.ofSeconds(5)));
    }

    @Test
    void firstLineHasNoRateAndUnknownValuesSayNotAvailable() {
        Status first = new Status(12, 0, 0, 0, 0, 0, -1, -1, -1, -1);
        assertEquals("[   5s] produced 12 | processed 0 | stored raw 0 derived 0 | dead 0"
                        + " | lag job n/a raw n/a derived n/a | batch n/a",
                StatusLine.format(Duration.ofSeconds(5), first, null, Duration.ofSeconds(5)));
    }

    @Test
    void countsUseThousandsSeparators() {
        assertEquals("1,234,567", StatusLine.count(1_234_567));
    }
}
