package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.family.FaceBatch;

/**
 * One identity's share of a training step: augmented and warped inputs, the unwarped targets,
 * and per-pixel loss weights ({@code count} x 1 x size x size: 0 outside the face mask, 1 on the
 * face, higher on eyes and mouth).
 */
public record TrainingBatch(FaceBatch warped, FaceBatch target, float[] lossWeights) {

    public TrainingBatch {
        if (warped.count() != target.count() || warped.size() != target.size()) {
            throw new IllegalArgumentException("warped and target batches differ in shape");
        }
        if (lossWeights.length != target.count() * target.size() * target.size()) {
            throw new IllegalArgumentException("expected one loss weight per target pixel");
        }
    }
}
