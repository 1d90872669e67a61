package io.sensorpipe.batch;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession of a batch command: UTC, no UI, modest shuffle width unless spark-submit says otherwise. */
public final class BatchSpark {
    /** Shuffle partitions for local runs; a cluster sets its own with --conf spark.sql.shuffle.partitions. */
    static final String LOCAL_SHUFFLE_PARTITIONS = "8";

    private BatchSpark() {
    }

    /**
     * The session for a command. The master comes from the flag when given, else from spark-submit
     * ({@code spark.master}), else {@code local[*]}.
     */
    public static SparkSession session(String appName, String masterFlag) {
        SparkConf submitted = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC");   // hours and ids are UTC hours
        String master = masterFlag != null && !masterFlag.isBlank() ? masterFlag
                : submitted.get("spark.master", "local[*]");
        b.master(master);
        if (master.startsWith("local")) {
            // why: one JVM, so loopback; avoids the "hostname resolves to a loopback address" warning
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!submitted.contains("spark.sql.shuffle.partitions")) {
            b.config("spark.sql.shuffle.partitions", LOCAL_SHUFFLE_PARTITIONS);
        }
        return b.getOrCreate();
    }
}
