package io.sensorpipe.deploy;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The smallest Spark application that proves the cluster works: sums squares on the executors and prints the sum
 * and, for each executor JVM that did the work, its process id and its parent's ("pid/parentPid"), so that a test can
 * tell which process launched it even after the executor has exited.
 */
public final class ClusterSmokeApp {
    private ClusterSmokeApp() {
    }

    /** Entry point for {@code spark-submit}; the master comes from spark-submit's {@code --master}. */
    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("cluster-smoke"))) {
            List<Long> numbers = LongStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
            long sum = sc.parallelize(numbers, 4).map(x -> x * x).reduce(Long::sum);
            List<String> executorPids = sc.parallelize(numbers, 4)
                    .map(x -> ProcessHandle.current().pid() + "/"
                            + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L))
                    .distinct().collect();
            System.out.println("SMOKE sum=" + sum + " driverPid=" + ProcessHandle.current().pid()
                    + " executorPids=" + executorPids);
        }
    }
}
