package io.sensorpipe.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server main as the stack runs it: a child JVM that says READY, exits on stdin EOF, and keeps a disk store. */
class MongoServerMainIntegrationTest {
    @TempDir
    Path dataDir;

    /** A running server process and its port. */
    private record Server(Process process, int port) {
    }

    private Server start(String... extraArgs) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MongoServerMain.class.getName(), "--port", "0",
                "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("READY mongo 127.0.0.1:"), "first line: " + line);
        return new Server(p, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
    }

    private static void stopByClosingStdin(Server s) throws Exception {
        s.process().getOutputStream().close();
        assertTrue(s.process().waitFor(60, TimeUnit.SECONDS), "server still runs after stdin EOF");
        assertEquals(0, s.process().exitValue());
    }

    private static MongoCollection<Document> readings(MongoClient client) {
        return client.getDatabase("sensors").getCollection("readings");
    }

    @Test
    void diskStoreKeepsDocumentsAcrossRestartsAndStdinEofStopsTheServer() throws Exception {
        Server first = start("--store", "disk");
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + first.port())) {
            readings(client).insertOne(new Document("_id", "room-1:1").append("temperature", 21.5));
        }
        stopByClosingStdin(first);

        Server second = start("--store", "disk");
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + second.port())) {
            assertEquals(21.5, readings(client).find(new Document("_id", "room-1:1")).first().getDouble("temperature"));
        } finally {
            stopByClosingStdin(second);
        }
        assertTrue(new File(dataDir.toFile(), MongoServerMain.DB_FILE).isFile());
    }

    @Test
    void memoryStoreStartsEmpty() throws Exception {
        Server first = start();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + first.port())) {
            readings(client).insertOne(new Document("_id", "room-1:1"));
        }
        stopByClosingStdin(first);
        Server second = start();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + second.port())) {
            assertEquals(0, readings(client).countDocuments());
        } finally {
            stopByClosingStdin(second);
        }
    }
}
