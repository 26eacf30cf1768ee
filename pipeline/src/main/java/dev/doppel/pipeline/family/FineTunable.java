package dev.doppel.pipeline.family;

import java.util.List;

/**
 * A new model that can begin from another model's learned weights (a train job's {@code baseModel}):
 * the weights are copied, the optimiser and the iteration count start afresh. DeepFaceLab, leaving
 * pretraining, keeps its optimiser's moments too; a fresh optimiser lets one base serve any pair
 * without carrying the moments of faces the pair never shows.
 */
public interface FineTunable {

    /**
     * Copies {@code base}'s weights into this model, which must not have trained yet.
     *
     * @return the parts copied, in the family's words ({@code encoder}, {@code inter}, {@code decoderA}, ...)
     * @throws IllegalArgumentException when {@code base} is not built the same way, saying how it differs
     */
    List<String> startFrom(TrainableModel base);
}
