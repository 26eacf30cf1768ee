package dev.doppel.pipeline.cyclegan;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.TrainableModel;

/**
 * A model of the CycleGAN family as the train and convert stages use it, whatever engine runs it:
 * two generators (G_AB draws A's faces as B, G_BA the reverse) trained against two discriminators
 * on unpaired faces. Faces cross this boundary as {@link FaceBatch}: N x 3 x R x R in [0, 1].
 */
public interface CycleGanModel extends TrainableModel, FaceTranslator {

    /**
     * One iteration: a generator step on both directions, then a discriminator step on real faces
     * and on fakes from the image pools. The batches need not be the same size, nor show the same
     * people in the same order: CycleGAN learns from unpaired faces.
     */
    CycleGanLosses trainStep(FaceBatch a, FaceBatch b);

    /** The learning rate the model was built with (the schedule's base). */
    double baseLearningRate();

    /** The learning rate of both optimisers from the next step on; a schedule, not a setting: it is not saved. */
    void learningRate(double rate);

    /** {@code B}: A's faces redrawn as B (G_AB); {@code A}: B's redrawn as A (G_BA). */
    @Override
    FaceBatch translate(FaceBatch faces, String role);
}
