package io.sensorpipe.launcher.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StatusLineTest {
    private static final RunCounters EARLIER = new RunCounters(1_000, 900, 850, 5, 1, 950, 850, 1, 0, 100, 50, 50, 0,
            6);
    private static final RunCounters NOW = new RunCounters(2_000, 1_950, 1_900, 12, 3, 1_990, 1_900, 3, 2, 50, 10,
            50, 0, 6);

    @Test
    void lineShowsTheComponentsCountersRateLagsAndBatchTime() {
        assertEquals("[  10s] produced 2,000 (200/s) | job in 1,950 derived 1,900 dup 12 late 3"
                        + " | stored raw 1,990 derived 1,900 late 3 | dead 2 | lag job 50 raw 10 derived 50 | batch 85 ms",
                StatusLine.format(Duration.ofSeconds(10), NOW, EARLIER, Duration.ofSeconds(5), 85, 6));
    }

    @Test
    void firstLineHasNoRateAndComponentsThatDoNotAnswerSayNotAvailable() {
        RunCounters first = RunCounters.of(Map.of("simulate", Scrape.parse(
                "sensorpipe_simulator_records_acknowledged_total 12.0\n")));
        assertEquals("[   5s] produced 12 | job in n/a derived n/a dup n/a late n/a | stored raw n/a derived n/a"
                        + " late n/a | dead n/a | lag job n/a raw n/a derived n/a | batch n/a",
                StatusLine.format(Duration.ofSeconds(5), first, null, Duration.ofSeconds(5), -1, 6));
    }

    @Test
    void restoresInProgressAreShownAgainstTheInputPartitions() {
        RunCounters restoring = new RunCounters(10, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2, 0);
        assertEquals("restoring 2/6 partitions", StatusLine.format(Duration.ofSeconds(5), restoring, null,
                Duration.ofSeconds(5), -1, 6).replaceAll(".*\\| ", ""));
        assertFalse(StatusLine.format(Duration.ofSeconds(5), NOW, null, Duration.ofSeconds(5), -1, 6)
                .contains("restoring"));
    }

    @Test
    void countersAreTheSumsOfEachSeriesOverItsLabelsAsPrometheusReadsThem() {
        String job = """
                # HELP sensorpipe_job_input_lag_records Records on the input after the job's committed position
                # TYPE sensorpipe_job_input_lag_records gauge
                sensorpipe_job_input_lag_records{partition="0",topic="readings"} 7.0
                sensorpipe_job_input_lag_records{partition="1",topic="readings"} 5.0
                sensorpipe_job_readings_in_total 1950.0
                sensorpipe_job_dead_letters_total 1.0
                sensorpipe_job_too_late_total{reason="too {late} \\" x"} 3.0 1700000000000
                sensorpipe_job_restores_in_progress NaN
                """;
        String sink = "sensorpipe_sink_dead_letters_total{sink=\"raw\"} 2.0\n"
                + "sensorpipe_sink_documents_written_total{sink=\"raw\"} 1990.0\n";
        RunCounters c = RunCounters.of(Map.of("stream", Scrape.parse(job), "sink-raw", Scrape.parse(sink)));
        assertEquals(12, c.jobLag());
        assertEquals(1_950, c.jobIn());
        assertEquals(3, c.jobLate(), "a label value with braces, spaces and an escaped quote; a timestamp");
        assertEquals(-1, c.restoring(), "NaN is not a value");
        assertEquals(1_990, c.storedRaw());
        assertEquals(3, c.deadLetters(), "the job's and the sinks' dead letters");
        assertEquals(-1, c.storedDerived(), "the derived sink did not answer");
    }

    @Test
    void countsUseThousandsSeparators() {
        assertEquals("1,234,567", StatusLine.count(1_234_567));
    }
}
