package io.sensorpipe.common.config;

import picocli.CommandLine.Option;

/** MongoDB connection settings shared by every component (picocli mixin). */
public class MongoOptions {
    @Option(names = "--mongodb-uri", paramLabel = "URI", defaultValue = "${env:MONGODB_URI:-mongodb://localhost:27017}",
            description = "MongoDB connection string (env MONGODB_URI; default: ${DEFAULT-VALUE}).")
    String uri;

    @Option(names = "--database", paramLabel = "NAME", defaultValue = "${env:MONGODB_DATABASE:-sensors}",
            description = "Database name (env MONGODB_DATABASE; default: ${DEFAULT-VALUE}).")
    String database;

    /** The connection string after validation. */
    public String uri() {
        Settings.require(uri != null && (uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://")),
                "--mongodb-uri (MONGODB_URI)", "'" + uri + "' must start with mongodb:// or mongodb+srv://");
        return uri;
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
