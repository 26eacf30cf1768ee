package dev.doppel.pipeline.swap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The losses of one step of a swap model: reconstruction per identity (weighted DSSIM + MAE) and,
 * while GAN refinement is on, the generators' and discriminators' by name ({@code generatorA}, ...).
 */
public record StepLosses(long iteration, double lossA, double lossB, Map<String, Double> refinement) {

    public StepLosses {
        refinement = Collections.unmodifiableMap(new LinkedHashMap<>(refinement));
    }

    public StepLosses(long iteration, double lossA, double lossB) {
        this(iteration, lossA, lossB, Map.of());
    }
}
