package io.sensorpipe.common.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What {@code /ready} checks: named conditions (connected to Kafka, connected to MongoDB, loop running, not
 * restoring), each asked when the endpoint is called, on the endpoint's thread; a condition that throws is not met.
 */
public final class Readiness {
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

    /** Adds a condition; returns this. */
    public synchronized Readiness require(String name, BooleanSupplier condition) {
        checks.put(name, condition);
        return this;
    }

    /** The names of the conditions not met now, in the order they were added; empty when ready. */
    public List<String> unmet() {
        Map<String, BooleanSupplier> copy;
        synchronized (this) {
            copy = new LinkedHashMap<>(checks);
        }
        List<String> unmet = new ArrayList<>();
        copy.forEach((name, check) -> {
            boolean ok;
            try {
                ok = check.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            if (!ok) {
                unmet.add(name);
            }
        });
        return unmet;
    }

    /** The names of every condition. */
    public synchronized List<String> names() {
        return new ArrayList<>(checks.keySet());
    }
}
