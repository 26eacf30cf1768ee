package dev.doppel.pipeline.family;

/**
 * What a train job asks of a recipe's session: how many faces a step takes, where the run ends
 * (recipes with a learning-rate schedule, such as CycleGAN's linear decay, need it) and the seed of
 * its sampling.
 *
 * @param seed offset by the model's iteration, so a resumed run does not replay the same batches
 */
public record TrainingPlan(int batchSize, long targetIterations, long seed) {

    public TrainingPlan {
        if (batchSize < 1 || targetIterations < 1) {
            throw new IllegalArgumentException("batch size and target iterations must be positive");
        }
    }
}
