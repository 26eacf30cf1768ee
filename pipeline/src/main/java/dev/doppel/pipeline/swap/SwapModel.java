package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.family.FaceBatch;

import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.TrainableModel;

/**
 * A model of the DeepFakes family as the train and convert stages use it, whatever runs it
 * (SameDiff on ND4J, PyTorch through DJL): one shared encoder, one decoder per identity; swapping
 * A to B encodes A's face and decodes it with B's decoder.
 *
 * Images cross this boundary as {@link FaceBatch}: N x 3 x R x R floats in [0, 1], RGB, NCHW.
 */
public interface SwapModel extends TrainableModel, FaceTranslator {

    /**
     * One optimiser step on both identities: the warped faces go in, the model learns to give back
     * the unwarped targets, each side through its own decoder and the shared encoder.
     */
    StepLosses trainStep(TrainingBatch a, TrainingBatch b);

    /** Reconstructs or swaps faces: {@code target} picks the decoder (A or B). */
    FaceBatch decode(FaceBatch faces, Identity target);

    /** Swapping is decoding with the other person's decoder. */
    @Override
    default FaceBatch translate(FaceBatch faces, String role) {
        return decode(faces, Identity.valueOf(role));
    }
}
