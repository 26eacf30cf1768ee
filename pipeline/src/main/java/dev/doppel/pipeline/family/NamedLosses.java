package dev.doppel.pipeline.family;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The losses one step reported, by name, in the order the architecture declares them. */
public record NamedLosses(long iteration, Map<String, Double> values) {

    public NamedLosses {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** What the best-loss backup compares: the sum of every named loss. */
    public double total() {
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public NamedLosses at(long otherIteration) {
        return new NamedLosses(otherIteration, values);
    }
}
