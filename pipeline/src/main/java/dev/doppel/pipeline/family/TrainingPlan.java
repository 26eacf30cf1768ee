package dev.doppel.pipeline.family;

/**
 * What a train job asks of a recipe's session: how many faces a step takes, where the run ends
 * (recipes with a learning-rate schedule, such as CycleGAN's linear decay, need it), the seed of
 * its sampling and, for families that offer it, when and how adversarial refinement comes in.
 *
 * @param seed       offset by the model's iteration, so a resumed run does not replay the same batches
 * @param refinement null for none; a recipe that cannot refine refuses a plan that asks for it
 * @param pretraining the faces are many people's, given in every role, to make a base for later pairs
 *                    (DeepFaceLab's pretrain mode: the recipe learns faces, not identities)
 */
public record TrainingPlan(int batchSize, long targetIterations, long seed, GanRefinement refinement, boolean pretraining) {

    public TrainingPlan {
        if (batchSize < 1 || targetIterations < 1) {
            throw new IllegalArgumentException("batch size and target iterations must be positive");
        }
    }

    public TrainingPlan(int batchSize, long targetIterations, long seed, GanRefinement refinement) {
        this(batchSize, targetIterations, seed, refinement, false);
    }

    public TrainingPlan(int batchSize, long targetIterations, long seed) {
        this(batchSize, targetIterations, seed, null, false);
    }
}
