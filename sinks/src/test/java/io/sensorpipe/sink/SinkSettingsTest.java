package io.sensorpipe.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.WriteConcern;
import io.sensorpipe.common.config.SettingException;
import org.junit.jupiter.api.Test;

import java.util.Properties;

class SinkSettingsTest {
    @Test
    void writesAreAcknowledgedByAMajorityUnlessTheUriSaysOtherwise() {
        assertEquals(WriteConcern.MAJORITY, Sink.mongoSettings("mongodb://h:27017/sensors").getWriteConcern());
        assertEquals(WriteConcern.W1, Sink.mongoSettings("mongodb://h:27017/sensors?w=1").getWriteConcern());
        assertEquals(WriteConcern.MAJORITY.withJournal(true),
                Sink.mongoSettings("mongodb://h/?w=majority&journal=true").getWriteConcern());
    }

    @Test
    void writesInFlightDefaultsToFourAndOutsideOneToThirtyTwoIsRefusedNamingTheFlag() {
        SinkConfig config = SinkConfig.of(SinkKind.RAW, new Properties(), "mongodb://h", "sensors");
        assertEquals(4, config.writesInFlight());
        assertEquals(1, config.withWritesInFlight(1).writesInFlight());
        assertEquals("invalid setting --writes-in-flight: must be between 1 and 32, got 0",
                assertThrows(SettingException.class, () -> config.withWritesInFlight(0)).getMessage());
        assertEquals("invalid setting --writes-in-flight: must be between 1 and 32, got 33",
                assertThrows(SettingException.class, () -> config.withWritesInFlight(33)).getMessage());
    }
}
