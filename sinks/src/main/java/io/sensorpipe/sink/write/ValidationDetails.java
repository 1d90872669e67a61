package io.sensorpipe.sink.write;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Which rule of a collection's validator a document broke, from the {@code errInfo} of a "Document failed validation"
 * error (MongoDB 5.0+): e.g. {@code temperature: bsonType (type did not match); required: missing seq}. Field names
 * and rules only, never the rejected values or the document's id, so that dead letters of the same cause share one
 * reason (mongo-queries/dead-letters-by-reason.js groups by it).
 */
final class ValidationDetails {
    private static final int MAX_LENGTH = 500;

    private ValidationDetails() {
    }

    /** The rules the document broke, or "" when {@code errInfo} names none (older servers send no details). */
    static String summarize(BsonDocument errInfo) {
        if (errInfo == null || !errInfo.containsKey("details")) {
            return "";
        }
        List<String> out = new ArrayList<>();
        walk(errInfo.get("details"), "", out);
        String s = String.join("; ", out);
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "…" : s;
    }

    private static void walk(BsonValue node, String path, List<String> out) {
        if (node instanceof BsonArray array) {
            for (BsonValue v : array) {
                walk(v, path, out);
            }
            return;
        }
        if (!(node instanceof BsonDocument doc)) {
            return;
        }
        String here = path;
        if (doc.isString("propertyName")) {
            here = path.isEmpty() ? doc.getString("propertyName").getValue()
                    : path + "." + doc.getString("propertyName").getValue();
        }
        String operator = doc.isString("operatorName") ? doc.getString("operatorName").getValue() : null;
        int before = out.size();
        if (operator != null && doc.isArray("missingProperties")) {
            List<String> missing = new ArrayList<>();
            doc.getArray("missingProperties").forEach(v -> missing.add(v.isString() ? v.asString().getValue() : "?"));
            out.add((here.isEmpty() ? "" : here + ": ") + operator + ": missing " + String.join(", ", missing));
            return;
        }
        if (operator != null && doc.isArray("additionalProperties")) {
            List<String> extra = new ArrayList<>();
            doc.getArray("additionalProperties").forEach(v -> extra.add(v.isString() ? v.asString().getValue() : "?"));
            out.add((here.isEmpty() ? "" : here + ": ") + "not allowed: " + String.join(", ", extra));
            return;
        }
        for (String key : doc.keySet()) {
            BsonValue v = doc.get(key);
            if (v.isArray() || v.isDocument() && !key.equals("specifiedAs") && !key.equals("consideredValue")) {
                walk(v, here, out);
            }
        }
        if (out.size() == before && operator != null && !operator.startsWith("$")
                && !operator.equals("properties")) {
            String reason = doc.isString("reason") ? " (" + doc.getString("reason").getValue() + ")" : "";
            out.add((here.isEmpty() ? "" : here + ": ") + operator + reason);
        }
    }
}
