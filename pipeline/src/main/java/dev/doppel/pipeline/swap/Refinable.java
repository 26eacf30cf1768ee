package dev.doppel.pipeline.swap;

import java.util.Optional;

import dev.doppel.pipeline.family.GanRefinement;

/**
 * A swap model that can be sharpened by GAN refinement. Not every engine's can: the recipe asks,
 * and refuses a plan with refinement for a model that is not.
 */
public interface Refinable {

    /** The refinement it trains with, kept through save and load; empty until it starts. */
    Optional<GanRefinement> refinement();

    /** Adds the discriminators; every step from now on trains them with the autoencoder. Once on, it stays on. */
    void startRefinement(GanRefinement refinement);
}
