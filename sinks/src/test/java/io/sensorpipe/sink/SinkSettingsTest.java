package io.sensorpipe.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {
    @Test
    void writesAreAcknowledgedByAMajorityUnlessTheUriSaysOtherwise() {
        assertEquals(WriteConcern.MAJORITY, Sink.mongoSettings("mongodb://h:27017/sensors").getWriteConcern());
        assertEquals(WriteConcern.W1, Sink.mongoSettings("mongodb://h:27017/sensors?w=1").getWriteConcern());
        assertEquals(WriteConcern.MAJORITY.withJournal(true),
                Sink.mongoSettings("mongodb://h/?w=majority&journal=true").getWriteConcern());
    }
}
