package io.sensorpipe.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MongoOptionsTest {
    @Test
    void writeConcernMajorityIsAddedWhenTheUriNamesNone() {
        assertEquals("mongodb://h:27017/?w=majority", MongoOptions.withDefaultWriteConcern("mongodb://h:27017"));
        assertEquals("mongodb://h:27017/sensors?w=majority",
                MongoOptions.withDefaultWriteConcern("mongodb://h:27017/sensors"));
        assertEquals("mongodb://u:p@h1,h2/sensors?replicaSet=rs0&authSource=sensors&w=majority",
                MongoOptions.withDefaultWriteConcern("mongodb://u:p@h1,h2/sensors?replicaSet=rs0&authSource=sensors"));
        assertEquals("mongodb+srv://c.example.net/?w=majority",
                MongoOptions.withDefaultWriteConcern("mongodb+srv://c.example.net/?"));
    }

    @Test
    void aWriteConcernInTheUriIsKept() {
        assertEquals("mongodb://h/?w=1", MongoOptions.withDefaultWriteConcern("mongodb://h/?w=1"));
        assertEquals("mongodb://h/?replicaSet=rs0&W=2&journal=true",
                MongoOptions.withDefaultWriteConcern("mongodb://h/?replicaSet=rs0&W=2&journal=true"));
        assertEquals("mongodb://h/?wtimeoutMS=5000&w=majority",
                MongoOptions.withDefaultWriteConcern("mongodb://h/?wtimeoutMS=5000"));
    }

    @Test
    void theValidatedUriCarriesTheDefault() {
        assertEquals("mongodb://localhost:27017/?w=majority",
                new MongoOptions().with("mongodb://localhost:27017", "sensors").uri());
    }
}
