package io.sensorpipe.launcher.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the last completed batch's processing time from the streaming job's Spark UI REST API. */
public final class SparkUi {
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private String applicationId;

    /** The UI at {@code baseUrl}, e.g. {@code http://localhost:4040}. */
    public SparkUi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Where the UI is. */
    public String url() {
        return baseUrl;
    }

    /** Processing time of the newest completed batch in ms, or -1 when the UI cannot tell (yet). */
    public long lastBatchMillis() {
        try {
            if (applicationId == null) {
                JsonArray apps = get("/api/v1/applications").getAsJsonArray();
                if (apps.isEmpty()) {
                    return -1;
                }
                applicationId = apps.get(0).getAsJsonObject().get("id").getAsString();
            }
            JsonArray batches = get("/api/v1/applications/" + applicationId + "/streaming/batches?status=COMPLETED")
                    .getAsJsonArray();
            return newestProcessingTime(batches);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The processingTime of the batch with the greatest batchId, or -1. */
    static long newestProcessingTime(JsonArray batches) {
        long bestId = Long.MIN_VALUE;
        long time = -1;
        for (JsonElement e : batches) {
            var b = e.getAsJsonObject();
            if (b.has("processingTime") && b.get("batchId").getAsLong() > bestId) {
                bestId = b.get("batchId").getAsLong();
                time = b.get("processingTime").getAsLong();
            }
        }
        return time;
    }

    private JsonElement get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(2)).GET().build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IOException("HTTP " + resp.statusCode());
        }
        return JsonParser.parseString(resp.body());
    }
}
