package io.sensorpipe.stack;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.sensorpipe.common.config.ServiceException;
import io.sensorpipe.common.config.SettingException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code mongo-init/sensors.schema.json} (the one definition of database {@code sensors}) to a server:
 * collections with their validators, indexes, and the least-privilege users. Idempotent. What the server cannot do
 * (mongo-java-server keeps no validators and has no users) is skipped, named in the one summary log line and
 * listed in the result.
 */
public final class MongoInit {
    /** The definition file inside {@code mongo-init/}. */
    public static final String SCHEMA_FILE = "sensors.schema.json";

    private static final Logger LOG = LoggerFactory.getLogger(MongoInit.class);

    private MongoInit() {
    }

    /** What was applied, and what the server could not do. */
    public record Result(List<String> collections, List<String> indexes, List<String> users, List<String> skipped) {
    }

    /** Connects to {@code uri} and applies {@code <mongoInitDir>/sensors.schema.json}. */
    public static Result apply(String uri, Path mongoInitDir) {
        try (MongoClient client = MongoClients.create(uri)) {
            return apply(client, mongoInitDir.resolve(SCHEMA_FILE), System.getenv());
        } catch (com.mongodb.MongoException e) {
            throw new ServiceException("cannot apply mongo-init to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Applies the definition file with an open client; user names and passwords are read from {@code env}. */
    public static Result apply(MongoClient client, Path schemaFile, Map<String, String> env) {
        Document definition = read(schemaFile);
        MongoDatabase db = client.getDatabase(definition.getString("database"));
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Set<String> existing = db.listCollectionNames().into(new HashSet<>());
        for (Document coll : definition.getList("collections", Document.class)) {
            applyCollection(db, coll, existing.contains(coll.getString("name")), result);
        }
        for (Document user : definition.getList("users", Document.class)) {
            applyUser(client, user, env, result);
        }
        LOG.info("mongo-init applied to {}: {} collections, {} indexes, {} users{}", db.getName(),
                result.collections().size(), result.indexes().size(), result.users().size(),
                result.skipped().isEmpty() ? "" : "; skipped: "
                        + String.join("; ", result.skipped()));
        return result;
    }

    /** Reads and parses the definition file; a missing or broken file is a setting error. */
    public static Document read(Path schemaFile) {
        try {
            return Document.parse(Files.readString(schemaFile));
        } catch (IOException e) {
            throw new SettingException("mongo-init", "cannot read " + schemaFile + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new SettingException("mongo-init", schemaFile + " is not valid JSON: " + e.getMessage());
        }
    }

    private static void applyCollection(MongoDatabase db, Document coll, boolean exists, Result result) {
        String name = coll.getString("name");
        Document validation = new Document("validator", coll.get("validator", Document.class))
                .append("validationLevel", coll.getString("validationLevel"))
                .append("validationAction", coll.getString("validationAction"));
        Document command = exists ? new Document("collMod", name) : new Document("create", name);
        command.putAll(validation);
        try {
            db.runCommand(command);
            if (!hasValidator(db, name)) {
                skip(result, "validator of " + name + " (server does not keep validators)");
            }
        } catch (MongoCommandException e) {
            if (!exists) {
                db.runCommand(new Document("create", name));
            }
            skip(result, "validator of " + name + " (server refused it: " + e.getErrorMessage() + ")");
        }
        result.collections().add(name);
        for (Document index : coll.getList("indexes", Document.class)) {
            db.runCommand(new Document("createIndexes", name).append("indexes", List.of(index)));
            result.indexes().add(name + "." + index.getString("name"));
        }
    }

    private static boolean hasValidator(MongoDatabase db, String name) {
        Document info = db.listCollections().filter(new Document("name", name)).first();
        Document options = info == null ? null : info.get("options", Document.class);
        return options != null && options.containsKey("validator");
    }

    private static void applyUser(MongoClient client, Document user, Map<String, String> env, Result result) {
        String userEnv = user.getString("userEnv");
        String passwordEnv = user.getString("passwordEnv");
        String name = env.get(userEnv);
        String password = env.get(passwordEnv);
        if (name == null || name.isBlank() || password == null || password.isEmpty()) {
            skip(result, "user from " + userEnv + " (" + userEnv + " or " + passwordEnv + " not set)");
            return;
        }
        MongoDatabase authDb = client.getDatabase(user.getString("authDatabase"));
        List<Document> roles = user.getList("roles", Document.class);
        try {
            if (userExists(authDb, name)) {
                authDb.runCommand(new Document("updateUser", name).append("pwd", password).append("roles", roles));
            } else {
                authDb.runCommand(new Document("createUser", name).append("pwd", password).append("roles", roles));
            }
            result.users().add(name);
        } catch (MongoCommandException e) {
            skip(result, "user " + name + " (server has no user management: " + e.getErrorMessage() + ")");
        }
    }

    private static boolean userExists(MongoDatabase authDb, String name) {
        Document info = authDb.runCommand(new Document("usersInfo", name));
        return !info.getList("users", Document.class, List.of()).isEmpty();
    }

    private static void skip(Result result, String what) {
        result.skipped().add(what);
    }
}
