package io.sensorpipe.deploy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

/**
 * A spark-sql application for the cluster, as the batch jobs (verify, rollup) need it: it parses JSON lines with
 * Spark's JSON data source (Jackson: jackson-core's StreamReadConstraints, which jackson-databind 2.15 needs, fails
 * with an older jackson-core), aggregates on the executors and writes the result back as JSON. Prints
 * {@code SQL rows=N json=[...]} sorted by room.
 */
public final class ClusterSqlSmokeApp {
    private ClusterSqlSmokeApp() {
    }

    /** Entry point for {@code spark-submit}; args[0] readings per room, 3 rooms. */
    public static void main(String[] args) {
        int perRoom = Integer.parseInt(args[0]);
        List<String> lines = new ArrayList<>();
        for (int room = 0; room < 3; room++) {
            for (int i = 1; i <= perRoom; i++) {
                lines.add("{\"roomId\":\"room-" + room + "\",\"value\":" + (i * (room + 1)) + "}");
            }
        }
        SparkSession spark = SparkSession.builder().appName("cluster-sql-smoke").getOrCreate();
        try {
            Dataset<String> json = spark.createDataset(lines, Encoders.STRING()).repartition(4);
            Dataset<Row> readings = spark.read().schema("roomId STRING, value LONG").json(json);
            List<String> out = readings.groupBy(col("roomId"))
                    .agg(count("*").as("n"), sum("value").as("total"))
                    .orderBy(col("roomId")).toJSON().collectAsList();
            System.out.println("SQL rows=" + readings.count() + " json=" + out);
        } finally {
            spark.stop();
        }
    }
}
