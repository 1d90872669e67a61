package io.sensorpipe.streaming.it;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One local Spark context for every in-process test of the run: Spark start-up costs seconds. */
public final class SharedSpark {
    private static JavaSparkContext context;

    private SharedSpark() {
    }

    /** The shared context, started on first use and stopped at JVM exit. */
    public static synchronized JavaSparkContext context() {
        if (context == null) {
            SparkConf conf = io.sensorpipe.streaming.StreamingJob.configure(new SparkConf())
                    .setMaster("local[2]").setAppName("streaming-job-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            context = new JavaSparkContext(conf);
            context.setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
        }
        return context;
    }
}
