package io.sensorpipe.sink.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class ValidationDetailsTest {
    /** The errInfo MongoDB 7 returns for a reading with a string temperature and no seq (shape per the manual). */
    static final BsonDocument ERR_INFO = BsonDocument.parse("""
            {failingDocumentId: "readings:0:17",
             details: {operatorName: "$jsonSchema", title: "reading",
               schemaRulesNotSatisfied: [
                 {operatorName: "properties", propertiesNotSatisfied: [
                   {propertyName: "temperature", description: "degrees Celsius",
                    details: [{operatorName: "bsonType", specifiedAs: {bsonType: "double"},
                               reason: "type did not match", consideredValue: "warm", consideredType: "string"}]},
                   {propertyName: "src", details: [{operatorName: "properties", propertiesNotSatisfied: [
                     {propertyName: "offset", details: [{operatorName: "minimum", specifiedAs: {minimum: 0},
                      reason: "comparison failed", consideredValue: -1}]}]}]}]},
                 {operatorName: "required", specifiedAs: {required: ["roomId", "seq", "ts"]},
                  missingProperties: ["seq"]},
                 {operatorName: "additionalProperties", specifiedAs: {additionalProperties: false},
                  additionalProperties: ["colour"]}]}}
            """);

    @Test
    void namesEachBrokenRuleByFieldWithoutValuesOrIds() {
        assertEquals("temperature: bsonType (type did not match); src.offset: minimum (comparison failed); "
                + "required: missing seq; not allowed: colour", ValidationDetails.summarize(ERR_INFO));
    }

    @Test
    void noDetailsNoSummary() {
        assertEquals("", ValidationDetails.summarize(new BsonDocument()));
        assertEquals("", ValidationDetails.summarize(null));
    }
}
