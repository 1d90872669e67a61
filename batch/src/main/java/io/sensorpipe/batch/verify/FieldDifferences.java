package io.sensorpipe.batch.verify;

import io.sensorpipe.common.DerivedRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Field-by-field comparison of an expected and a stored derived record. Doubles must be equal exactly
 * ({@link Double#compare}): the numeric contract between the job and the reference is bit-exact.
 */
public final class FieldDifferences {
    private FieldDifferences() {
    }

    /** The differing fields as "name expected X stored Y", empty when the records agree. */
    public static List<String> between(DerivedRecord expected, DerivedRecord stored) {
        List<String> out = new ArrayList<>();
        exact(out, "ts", expected.tsMillis(), stored.tsMillis());
        exact(out, "temperature", expected.temperature(), stored.temperature());
        change(out, expected.change(), stored.change());
        exact(out, "gap", expected.gap(), stored.gap());
        exact(out, "rollingAvg", expected.rollingAvg(), stored.rollingAvg());
        exact(out, "rollingMin", expected.rollingMin(), stored.rollingMin());
        exact(out, "rollingMax", expected.rollingMax(), stored.rollingMax());
        exact(out, "rollingCount", expected.rollingCount(), stored.rollingCount());
        exact(out, "windowSeconds", expected.windowSeconds(), stored.windowSeconds());
        return out;
    }

    private static void exact(List<String> out, String field, double expected, double stored) {
        if (Double.compare(expected, stored) != 0) {
            out.add(field + " expected " + expected + " stored " + stored);
        }
    }

    private static void exact(List<String> out, String field, long expected, long stored) {
        if (expected != stored) {
            out.add(field + " expected " + expected + " stored " + stored);
        }
    }

    private static void change(List<String> out, Double expected, Double stored) {
        boolean same = expected == null || stored == null ? Objects.equals(expected, stored)
                : Double.compare(expected, stored) == 0;
        if (!same) {
            out.add("change expected " + expected + " stored " + stored);
        }
    }
}
