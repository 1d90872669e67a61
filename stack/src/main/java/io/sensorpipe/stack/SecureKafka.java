package io.sensorpipe.stack;

import io.sensorpipe.common.config.ServiceException;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The secure stack's Kafka credentials: one random SCRAM-SHA-512 password per principal, generated when the broker's
 * storage is new (the broker is formatted with them) and kept with its data, and one client properties file per
 * principal, mode 600, in {@code <data>/secure/}.
 */
final class SecureKafka {
    /** File of {@code user=password} lines the broker reads. */
    static final String CREDENTIALS = "credentials.properties";

    private final Path dir;
    private final Map<String, String> passwords;

    private SecureKafka(Path dir, Map<String, String> passwords) {
        this.dir = dir;
        this.passwords = passwords;
    }

    /** The credentials under {@code dir}: read when the file exists, else generated and written. */
    static SecureKafka load(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path file = dir.resolve(CREDENTIALS);
            Map<String, String> passwords = new LinkedHashMap<>();
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
                p.stringPropertyNames().forEach(k -> passwords.put(k, p.getProperty(k)));
            } else {
                SecureRandom random = new SecureRandom();
                passwords.put(KafkaAccessPlan.ADMIN, password(random));
                KafkaAccessPlan.components().forEach(c -> passwords.put(c, password(random)));
                StringBuilder sb = new StringBuilder("# SCRAM-SHA-512 users of the secure embedded broker\n");
                passwords.forEach((u, pw) -> sb.append(u).append('=').append(pw).append('\n'));
                writePrivate(file, sb.toString());
            }
            SecureKafka s = new SecureKafka(dir, passwords);
            for (String principal : passwords.keySet()) {
                writePrivate(s.clientConfigFile(principal), s.clientFile(principal));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka credentials under " + dir, e);
        }
    }

    private static String password(SecureRandom random) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    /** The file the broker reads. */
    Path credentialsFile() {
        return dir.resolve(CREDENTIALS);
    }

    /** The client properties file of a principal. */
    Path clientConfigFile(String principal) {
        return dir.resolve(principal + ".properties");
    }

    private String clientFile(String principal) {
        StringBuilder sb = new StringBuilder("# Kafka client settings of principal '" + principal
                + "' (embedded stack --secure); pass with --kafka-config or KAFKA_CLIENT_CONFIG\n");
        clientProperties(principal).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /** SASL client settings of a principal (without bootstrap servers). */
    Properties clientProperties(String principal) {
        String pw = passwords.get(principal);
        if (pw == null) {
            throw new IllegalArgumentException("no Kafka principal '" + principal + "'");
        }
        Properties p = new Properties();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + principal + "\" password=\"" + pw + "\";");
        return p;
    }

    /** Grants every component its ACLs (idempotent: creating an existing ACL is a no-op). */
    static void applyAcls(Map<String, Object> adminConf) {
        try (Admin admin = Admin.create(adminConf)) {
            admin.createAcls(KafkaAccessPlan.bindings()).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ServiceException("cannot create the Kafka ACLs: " + e.getMessage(), e);
        }
    }
}
