package io.sensorpipe.launcher.run;

/** Small edits of MongoDB connection strings for messages: naming a database, hiding a password. */
public final class MongoUris {
    private MongoUris() {
    }

    /** The URI with {@code database} as its path, keeping the options: {@code mongodb://h:1/db?x=y}. */
    public static String withDatabase(String uri, String database) {
        int schemeEnd = uri.indexOf("://") + 3;
        int query = uri.indexOf('?', schemeEnd);
        String head = query < 0 ? uri : uri.substring(0, query);
        String options = query < 0 ? "" : uri.substring(query);
        int slash = head.indexOf('/', schemeEnd);
        String hosts = slash < 0 ? head : head.substring(0, slash);
        return hosts + "/" + database + options;
    }

    /** The URI with the password part of {@code user:password@} replaced by {@code <password>}. */
    public static String maskPassword(String uri) {
        int schemeEnd = uri.indexOf("://") + 3;
        int at = uri.lastIndexOf('@', endOfHosts(uri, schemeEnd));
        if (at < schemeEnd) {
            return uri;
        }
        int colon = uri.indexOf(':', schemeEnd);
        if (colon < 0 || colon > at) {
            return uri;
        }
        return uri.substring(0, colon + 1) + "<password>" + uri.substring(at);
    }

    private static int endOfHosts(String uri, int from) {
        int slash = uri.indexOf('/', from);
        int query = uri.indexOf('?', from);
        int end = uri.length();
        if (slash >= 0) {
            end = Math.min(end, slash);
        }
        if (query >= 0) {
            end = Math.min(end, query);
        }
        return end;
    }
}
