package io.sensorpipe.launcher.run;

import java.util.Map;

/**
 * What the status line of {@code bin/pipeline run} shows, from the components' own counters (their {@code /metrics}):
 * the series Prometheus scrapes and the dashboard plots. A value of -1 means not known (the component does not
 * answer: not started yet, exited, or restarting).
 *
 * @param produced      readings the simulator had acknowledged by Kafka
 * @param jobIn         input records of the job's acknowledged batches
 * @param jobDerived    derived records the job wrote to alpha
 * @param jobDuplicates readings the job dropped as duplicates
 * @param jobLate       readings the job dropped as too late
 * @param storedRaw     documents the raw sink wrote
 * @param storedDerived documents the derived sink wrote
 * @param storedLate    documents the late sink wrote
 * @param deadLetters   dead letters of the job and the three sinks (-1 if none of them answers)
 * @param jobLag        the job's input lag
 * @param rawLag        the raw sink's consumer lag
 * @param derivedLag    the derived sink's consumer lag
 * @param restoring     partition restores the job is running
 * @param partitions    partitions whose state the job knows
 */
public record RunCounters(long produced, long jobIn, long jobDerived, long jobDuplicates, long jobLate,
                          long storedRaw, long storedDerived, long storedLate, long deadLetters, long jobLag,
                          long rawLag, long derivedLag, long restoring, long partitions) {

    /** The counters of one scrape of each component, by the names {@code bin/pipeline run} gives them. */
    static RunCounters of(Map<String, Scrape> scrapes) {
        Scrape sim = scrapes.getOrDefault("simulate", Scrape.NONE);
        Scrape job = scrapes.getOrDefault("stream", Scrape.NONE);
        Scrape raw = scrapes.getOrDefault("sink-raw", Scrape.NONE);
        Scrape derived = scrapes.getOrDefault("sink-derived", Scrape.NONE);
        Scrape late = scrapes.getOrDefault("sink-late", Scrape.NONE);
        long dead = -1;
        for (Scrape s : new Scrape[] {job, raw, derived, late}) {
            long d = s.get(s == job ? "sensorpipe_job_dead_letters_total" : "sensorpipe_sink_dead_letters_total");
            if (d >= 0) {
                dead = Math.max(dead, 0) + d;
            }
        }
        return new RunCounters(sim.get("sensorpipe_simulator_records_acknowledged_total"),
                job.get("sensorpipe_job_readings_in_total"), job.get("sensorpipe_job_derived_out_total"),
                job.get("sensorpipe_job_duplicates_total"), job.get("sensorpipe_job_too_late_total"),
                raw.get("sensorpipe_sink_documents_written_total"),
                derived.get("sensorpipe_sink_documents_written_total"),
                late.get("sensorpipe_sink_documents_written_total"), dead,
                job.get("sensorpipe_job_input_lag_records"), raw.get("sensorpipe_sink_consumer_lag_records"),
                derived.get("sensorpipe_sink_consumer_lag_records"), job.get("sensorpipe_job_restores_in_progress"),
                job.get("sensorpipe_job_state_partitions"));
    }
}
