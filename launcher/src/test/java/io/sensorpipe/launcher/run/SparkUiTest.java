package io.sensorpipe.launcher.run;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SparkUiTest {
    @Test
    void batchTimeIsTheNewestCompletedBatchsProcessingTime() {
        var batches = JsonParser.parseString("[{\"batchId\":1700000002000,\"processingTime\":41},"
                + "{\"batchId\":1700000003000,\"processingTime\":57},{\"batchId\":1700000001000,\"processingTime\":90}]")
                .getAsJsonArray();
        assertEquals(57, SparkUi.newestProcessingTime(batches));
    }

    @Test
    void noCompletedBatchMeansUnknown() {
        assertEquals(-1, SparkUi.newestProcessingTime(JsonParser.parseString("[]").getAsJsonArray()));
    }

    @Test
    void unreachableUiMeansUnknownNotAnError() {
        assertEquals(-1, new SparkUi("http://127.0.0.1:1").lastBatchMillis());
    }
}
