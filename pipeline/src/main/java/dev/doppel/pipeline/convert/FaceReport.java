package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.face.FaceBox;

/**
 * How one swapped face came out, in the terms papers report swaps in (identity, pose/expression):
 * embedding distances of the output face to the target person and to the face it replaced
 * (dlib's scale: under about 0.6 is the same person), the input face's own distance to the target
 * for comparison, and how far the landmarks moved, in inter-ocular distances (pose and expression
 * kept means near 0). Sharpness is the variance of the Laplacian inside the face mask, of the face
 * the model made and of the face it replaced, both at the model's resolution: what GAN refinement
 * is for, since a pixel loss alone learns blurred faces.
 */
public record FaceReport(long frameIndex, int faceIndex, FaceBox box, double distanceToTarget, double distanceToSource,
        double inputDistanceToTarget, double landmarkDrift, double sharpness, double inputSharpness) {

    /** The swap moved this face towards the target identity. */
    public boolean closerToTarget() {
        return distanceToTarget < inputDistanceToTarget;
    }
}
