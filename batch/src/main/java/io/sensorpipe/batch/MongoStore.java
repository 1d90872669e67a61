package io.sensorpipe.batch;

import io.sensorpipe.common.StoredFields;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;

/**
 * Where the batch commands read and write: one MongoDB database through mongo-spark-connector.
 *
 * <p>Reads always carry an explicit schema (no sampling) and use a paginate partitioner: both need only
 * find/count/sort/skip/limit, which the embedded mongo-java-server and real MongoDB both support (the default
 * SamplePartitioner needs $collStats and $sample, which mongo-java-server lacks).
 *
 * @param uri            connection string
 * @param database       database name
 * @param readPartitions Spark partitions per collection read (1 = a single partition)
 */
public record MongoStore(String uri, String database, int readPartitions) implements Serializable {
    private static final String SINGLE = "com.mongodb.spark.sql.connector.read.partitioner.SinglePartitionPartitioner";
    private static final String PAGINATE =
            "com.mongodb.spark.sql.connector.read.partitioner.PaginateIntoPartitionsPartitioner";

    /** Reads a collection with the given schema; fields missing in a document read as null. */
    public Dataset<Row> read(SparkSession spark, String collection, StructType schema) {
        return spark.read().format("mongodb").schema(schema)
                .option("connection.uri", uri)
                .option("database", database)
                .option("collection", collection)
                .option("partitioner", readPartitions <= 1 ? SINGLE : PAGINATE)
                .option("partitioner.options.max.number.of.partitions", Integer.toString(readPartitions))
                .load();
    }

    /**
     * Writes rows by {@code _id}, replacing what is there (upsert): re-running a job rewrites the same documents,
     * it never adds duplicates.
     */
    public void replaceById(Dataset<Row> rows, String collection) {
        rows.write().format("mongodb").mode("append")
                .option("connection.uri", uri)
                .option("database", database)
                .option("collection", collection)
                .option("operationType", "replace")
                .option("idFieldList", StoredFields.ID)
                .option("upsertDocument", "true")
                .option("ordered", "false")
                .save();
    }
}
