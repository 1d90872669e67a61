package io.sensorpipe.embedded.kafka;

import io.sensorpipe.common.config.SettingException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerSettingsTest {
    private static final BrokerSecurity SECURITY = new BrokerSecurity(Map.of("admin", "admin-pw-123",
            "sink-raw", "raw-pw-4567"));

    @Test
    void secureModeLeavesNoPlaintextListenerAndAuthorizesEverything() {
        Properties p = new BrokerSettings(Path.of("/tmp/x"), 9092, 9093, 6, SECURITY).toProperties();
        assertEquals("CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT", p.get("listener.security.protocol.map"));
        assertFalse(p.get("listeners").toString().contains("PLAINTEXT://"), p.get("listeners").toString());
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", p.get("authorizer.class.name"));
        assertEquals("User:admin", p.get("super.users"));
        assertEquals("false", p.get("allow.everyone.if.no.acl.found"));
        assertEquals("SCRAM-SHA-512", p.get("listener.name.client.sasl.enabled.mechanisms"));
        assertEquals("PLAIN", p.get("listener.name.controller.sasl.enabled.mechanisms"));
        assertEquals("PLAIN", p.get("sasl.mechanism.controller.protocol"));
        // the controller's PLAIN users: the admin only
        String plain = p.get("listener.name.controller.plain.sasl.jaas.config").toString();
        assertTrue(plain.contains("user_admin=") && !plain.contains("user_sink-raw"), plain);
    }

    @Test
    void plainModeIsUnchanged() {
        Properties p = new BrokerSettings(Path.of("/tmp/x"), 9092, 9093, 6).toProperties();
        assertEquals("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", p.get("listener.security.protocol.map"));
        assertNull(p.get("authorizer.class.name"));
    }

    @Test
    void everyUserIsBootstrappedAtFormatTime() {
        assertEquals(List.of("--add-scram", "SCRAM-SHA-512=[name=admin,password=admin-pw-123]",
                "--add-scram", "SCRAM-SHA-512=[name=sink-raw,password=raw-pw-4567]"), SECURITY.formatArguments());
        assertThrows(SettingException.class, () -> new BrokerSecurity(Map.of("sink-raw", "raw-pw-4567")));
        assertThrows(SettingException.class, () -> new BrokerSecurity(Map.of("admin", "short")));
        assertThrows(SettingException.class, () -> new BrokerSecurity(Map.of("admin", "has]bracket,x")));
    }
}
