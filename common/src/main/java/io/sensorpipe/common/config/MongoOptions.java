package io.sensorpipe.common.config;

import java.util.Locale;
import picocli.CommandLine.Option;

/** MongoDB connection settings shared by every component (picocli mixin). */
public class MongoOptions {
    @Option(names = "--mongodb-uri", paramLabel = "URI", defaultValue = "${env:MONGODB_URI:-mongodb://localhost:27017}",
            description = "MongoDB connection string (env MONGODB_URI; default: ${DEFAULT-VALUE}).")
    String uri;

    @Option(names = "--database", paramLabel = "NAME", defaultValue = "${env:MONGODB_DATABASE:-sensors}",
            description = "Database name (env MONGODB_DATABASE; default: ${DEFAULT-VALUE}).")
    String database;

    /** The connection string after validation, with the default write concern unless it names one. */
    public String uri() {
        Settings.require(uri != null && (uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://")),
                "--mongodb-uri (MONGODB_URI)", "'" + uri + "' must start with mongodb:// or mongodb+srv://");
        return withDefaultWriteConcern(uri);
    }

    /**
     * The URI with {@code w=majority} added when it names no write concern ({@code w=...}) of its own. Every write of
     * the pipeline is then acknowledged only once a majority of the replica set has it, so a write acknowledged
     * before the offsets are committed cannot roll back in a failover (a replica set's default can be w:1). A URI
     * that says {@code w=1} (or any other) keeps it.
     */
    public static String withDefaultWriteConcern(String uri) {
        int schemeEnd = uri.indexOf("://") + 3;
        int query = uri.indexOf('?', schemeEnd);
        if (query < 0) {
            return uri + (uri.indexOf('/', schemeEnd) < 0 ? "/" : "") + "?w=majority";
        }
        for (String option : uri.substring(query + 1).split("[&;]")) {
            if (option.toLowerCase(Locale.ROOT).startsWith("w=")) {
                return uri;
            }
        }
        return uri + (uri.endsWith("?") || uri.endsWith("&") ? "" : "&") + "w=majority";
    }

    /** The database name after validation. */
    public String database() {
        Settings.require(database != null && database.matches("[A-Za-z0-9_-]{1,63}"), "--database (MONGODB_DATABASE)",
                "'" + database + "' is not a valid database name");
        return database;
    }

    /** Sets the URI and database programmatically (tests, the launcher). */
    public MongoOptions with(String uri, String database) {
        this.uri = uri;
        this.database = database;
        return this;
    }
}
