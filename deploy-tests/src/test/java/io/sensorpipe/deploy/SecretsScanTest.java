package io.sensorpipe.deploy;

import org.junit.jupiter.api.Test;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No secret is committed: every file git tracks is scanned for private keys, inline passwords and the like. */
class SecretsScanTest {

    @Test
    void trackedFilesHoldNoLiteralSecrets() throws Exception {
        Project.Result files = Project.run(List.of(Project.requireTool("git", "apt-get install -y git"),
                "ls-files", "-z"), Map.of(), null);
        assertEquals(0, files.exitCode(), files.output());
        List<String> tracked = List.of(files.output().split("\0"));
        assertTrue(tracked.contains("docker-compose.yml"), "git ls-files did not list the repository: " + tracked);
        List<String> problems = new ArrayList<>();
        for (String path : tracked) {
            if (path.isBlank() || path.contains("/src/test/")) {
                continue; // test fixtures use throwaway credentials for throwaway servers
            }
            String text = readText(Project.root().resolve(path));
            if (text != null) {
                SecretsScan.scan(text, SecretsScan.isConfigLike(path))
                        .forEach(f -> problems.add(path + ":" + f.line() + " " + f.kind() + ": " + f.text()));
            }
        }
        assertTrue(problems.isEmpty(), "literal secrets committed:\n" + String.join("\n", problems));
    }

    private static String readText(Path file) throws Exception {
        if (!Files.isRegularFile(file) || Files.size(file) > 1_000_000) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }

    @Test
    void scannerFlagsPlantedSecrets() {
        String key = "-----BEGIN RSA " + "PRIVATE KEY-----";
        assertEquals(1, SecretsScan.scan(key, false).size(), "private key");
        assertEquals(1, SecretsScan.scan("uri = \"mongodb://writer:s3cr3tValue@db:27017/x\"", false).size(), "URI");
        assertEquals(1, SecretsScan.scan("MONGO_ROOT_PASSWORD=hunter2hunter2", true).size(), "env file");
        assertEquals(1, SecretsScan.scan("String password = \"hunter2hunter2\";", false).size(), "code literal");
        assertEquals(1, SecretsScan.scan("sasl.jaas.config=... password=\"Tr0ub4dor\";", true).size(), "jaas");
    }

    @Test
    void scannerPassesPlaceholdersAndReferences() {
        String text = String.join("\n",
                "MONGO_ROOT_PASSWORD=<root-password>",
                "MONGO_WRITER_PASSWORD: ${MONGO_WRITER_PASSWORD:?set it}",
                "MONGODB_URI: mongodb://${MONGO_WRITER_USER}:${MONGO_WRITER_PASSWORD:?x}@mongo:27017/sensors",
                "mongosh \"mongodb://127.0.0.1:27017/sensors\" -u sensor_analyst -p",
                "pwd: process.env.MONGO_WRITER_PASSWORD,",
                "ssl.truststore.password=<truststore-password>",
                "password=$KAFKA_PASSWORD",
                "--conf spark.kubernetes.driver.secrets.kafka=/etc/sensorpipe",
                "bin/pipeline sink raw --mongodb-uri mongodb://user:pw@host/");
        assertEquals(List.of(), SecretsScan.scan(text, true));
        assertEquals(List.of(), SecretsScan.scan("char[] password = options.password();", false));
    }
}
