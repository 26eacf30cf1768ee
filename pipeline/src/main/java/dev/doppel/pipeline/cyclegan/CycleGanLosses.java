package dev.doppel.pipeline.cyclegan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.doppel.pipeline.family.NamedLosses;

/**
 * The losses of one CycleGAN step, weighted as they enter the optimisers (as the reference logs
 * them): the generators' LSGAN terms, cycle L1 x 10, identity L1 x 5, and each discriminator's
 * LSGAN loss x 0.5. The generator terms are those before the step's update, the discriminator
 * terms those before the discriminators' update.
 *
 * @param iteration the model's step count after this step
 */
public record CycleGanLosses(long iteration, double adversarialAB, double adversarialBA, double cycleA, double cycleB,
        double identityA, double identityB, double discriminatorA, double discriminatorB) {

    /** The names the catalog declares, in its order. */
    public static final List<String> NAMES = List.of("adversarialAB", "adversarialBA", "cycleA", "cycleB",
            "identityA", "identityB", "discriminatorA", "discriminatorB");

    public NamedLosses named() {
        double[] values = {adversarialAB, adversarialBA, cycleA, cycleB, identityA, identityB, discriminatorA, discriminatorB};
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            byName.put(NAMES.get(i), values[i]);
        }
        return new NamedLosses(iteration, byName);
    }
}
