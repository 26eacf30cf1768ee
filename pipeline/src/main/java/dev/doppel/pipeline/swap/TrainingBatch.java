package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.family.FaceBatch;

/**
 * One identity's share of a training step: augmented and warped inputs, the unwarped targets,
 * per-pixel loss weights ({@code count} x 1 x size x size: 0 outside the face mask, 1 on the
 * face, higher on eyes and mouth) and the face mask itself (same layout, in [0, 1]), which a model
 * that learns a mask (SAEHD) is taught to predict.
 */
public record TrainingBatch(FaceBatch warped, FaceBatch target, float[] lossWeights, float[] mask) {

    public TrainingBatch {
        if (warped.count() != target.count() || warped.size() != target.size()) {
            throw new IllegalArgumentException("warped and target batches differ in shape");
        }
        int pixels = target.count() * target.size() * target.size();
        if (lossWeights.length != pixels) {
            throw new IllegalArgumentException("expected one loss weight per target pixel");
        }
        if (mask.length != pixels) {
            throw new IllegalArgumentException("expected one mask value per target pixel");
        }
    }

    /** A batch whose mask is where its loss weights are on: a face without a mask of its own. */
    public TrainingBatch(FaceBatch warped, FaceBatch target, float[] lossWeights) {
        this(warped, target, lossWeights, maskOf(lossWeights));
    }

    private static float[] maskOf(float[] lossWeights) {
        float[] mask = new float[lossWeights.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = lossWeights[i] > 0 ? 1 : 0;
        }
        return mask;
    }
}
