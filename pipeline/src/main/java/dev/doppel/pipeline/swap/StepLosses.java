package dev.doppel.pipeline.swap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The losses of one step of a swap model: the whole loss per identity and, by name, the terms a
 * model reports beside them: while GAN refinement is on the generators' and discriminators'
 * ({@code generatorA}, ...), for a model that learns a mask its mask terms ({@code maskA}, {@code maskB}).
 */
public record StepLosses(long iteration, double lossA, double lossB, Map<String, Double> more) {

    public StepLosses {
        more = Collections.unmodifiableMap(new LinkedHashMap<>(more));
    }

    public StepLosses(long iteration, double lossA, double lossB) {
        this(iteration, lossA, lossB, Map.of());
    }
}
