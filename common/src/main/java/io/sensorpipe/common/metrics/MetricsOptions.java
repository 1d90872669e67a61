package io.sensorpipe.common.metrics;

import io.sensorpipe.common.config.Settings;
import picocli.CommandLine.Option;

/** The metrics endpoint's port, shared by every long-running component (picocli mixin). */
public class MetricsOptions {
    /** The flag, as error messages name it. */
    public static final String FLAG = "--metrics-port (METRICS_PORT)";

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:METRICS_PORT:-0}",
            description = "Port of the HTTP endpoint with /metrics (Prometheus), /health and /ready; 0 = off "
                    + "(env METRICS_PORT; default: ${DEFAULT-VALUE}).")
    String port;

    /** The port after validation: 0 (off) or 1..65535. */
    public int port() {
        return parse(port);
    }

    /** Sets the port programmatically (tests, the launcher). */
    public MetricsOptions with(int newPort) {
        this.port = Integer.toString(newPort);
        return this;
    }

    /** Parses a port: a whole number from 0 (off) to 65535, else a setting error naming {@link #FLAG}. */
    public static int parse(String text) {
        String t = text == null ? "" : text.trim();
        Settings.require(t.matches("[0-9]{1,5}"), FLAG, "'" + text + "' is not a port number (0 = off, 1-65535)");
        int value = Integer.parseInt(t);
        Settings.require(value <= 65535, FLAG, "'" + text + "' is not a port number (0 = off, 1-65535)");
        return value;
    }
}
