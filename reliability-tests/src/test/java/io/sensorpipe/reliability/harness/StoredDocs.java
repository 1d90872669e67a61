package io.sensorpipe.reliability.harness;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import io.sensorpipe.common.Names;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the pipeline stored in MongoDB, read directly with the driver (not through the pipeline's code). */
public final class StoredDocs implements AutoCloseable {
    private final MongoClient client;

    /** Connects to the database at {@code uri}. */
    public StoredDocs(String uri) {
        this.client = MongoClients.create(uri);
    }

    /** A collection of database {@code sensors}. */
    public MongoCollection<Document> collection(String name) {
        return client.getDatabase(Names.DATABASE).getCollection(name);
    }

    /** Documents in the collection. */
    public long count(String collection) {
        return collection(collection).countDocuments();
    }

    /** The distinct (roomId, seq) pairs stored, as "roomId:seq" built from the fields (not from _id). */
    public Set<String> distinctReadingKeys(String collection) {
        Set<String> keys = new HashSet<>();
        for (Document d : collection(collection).find().projection(Projections.include("roomId", "seq"))) {
            keys.add(Names.documentId(d.getString("roomId"), ((Number) d.get("seq")).longValue()));
        }
        return keys;
    }

    /** Every dead letter. */
    public List<Document> deadLetters() {
        return collection(Names.COLL_DEAD_LETTERS).find().into(new ArrayList<>());
    }

    @Override
    public void close() {
        client.close();
    }
}
