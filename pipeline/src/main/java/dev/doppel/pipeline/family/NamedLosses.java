package dev.doppel.pipeline.family;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The losses one step reported, by name, in the order the architecture declares them. */
public record NamedLosses(long iteration, Map<String, Double> values) {

    public NamedLosses {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The sum of every named loss. */
    public double total() {
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The sum of the losses {@code names} names, where reported: what the best-loss backup compares,
     * over an architecture's own losses only, so the losses GAN refinement adds (a discriminator's
     * rises as the generator gets better) never make the refined model look worse than the plain one.
     */
    public double sumOf(Collection<String> names) {
        return names.stream().map(values::get).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
    }

    public NamedLosses at(long otherIteration) {
        return new NamedLosses(otherIteration, values);
    }
}
