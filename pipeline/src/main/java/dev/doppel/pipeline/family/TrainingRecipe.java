package dev.doppel.pipeline.family;

import java.util.List;
import java.util.Map;

import dev.doppel.pipeline.train.TrainingFace;

/**
 * How a family trains: what it samples from its face sets, how one step goes, which losses it
 * names and what its preview shows. One per family; the train stage around it (resume, checkpoints,
 * loss history, progress) is the same for all of them.
 */
public interface TrainingRecipe {

    /** The family name, as {@code ModelArchitecture.family} in the catalog. */
    String family();

    /**
     * @param faces by role, as the architecture declares its inputs
     * @throws IllegalArgumentException when the model is not of this family
     * @throws UnsuitableFaces          when the faces cannot teach it (a role without faces, say)
     */
    TrainingSession open(TrainableModel model, Map<String, List<TrainingFace>> faces, TrainingPlan plan);
}
