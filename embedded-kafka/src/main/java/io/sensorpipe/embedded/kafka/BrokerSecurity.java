package io.sensorpipe.embedded.kafka;

import io.sensorpipe.common.config.SettingException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The secure mode's credentials: SCRAM-SHA-512 users (the admin among them) that the storage is formatted with.
 * Read from a properties file of {@code user=password} lines, which the stack writes with mode 600.
 *
 * @param users user name to password, the admin included
 */
record BrokerSecurity(Map<String, String> users) {
    /** The super user: inter-broker and controller traffic, topic and ACL creation. */
    static final String ADMIN = "admin";

    BrokerSecurity {
        users = Map.copyOf(users);
        if (!users.containsKey(ADMIN)) {
            throw new SettingException("--credentials", "names no '" + ADMIN + "' user");
        }
        for (Map.Entry<String, String> u : users.entrySet()) {
            if (!u.getKey().matches("[A-Za-z0-9._-]+") || !u.getValue().matches("[A-Za-z0-9._-]{8,}")) {
                throw new SettingException("--credentials", "user '" + u.getKey() + "': names and passwords must be"
                        + " [A-Za-z0-9._-], passwords at least 8 characters");
            }
        }
    }

    /** The admin's password. */
    String adminPassword() {
        return users.get(ADMIN);
    }

    /** Reads the {@code user=password} file. */
    static BrokerSecurity read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new SettingException("--credentials", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> users = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> users.put(k, p.getProperty(k)));
        return new BrokerSecurity(users);
    }

    /** The {@code kafka-storage.sh format} arguments that bootstrap the SCRAM credentials (KIP-900). */
    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        users.keySet().stream().sorted().forEach(u -> {
            args.add("--add-scram");
            args.add(String.format("SCRAM-SHA-512=[name=%s,password=%s]", u, users.get(u)));
        });
        return args;
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    static String plainJaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\";";
    }
}
