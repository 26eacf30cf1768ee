package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceEmbedding;

/**
 * How a frame's faces are swapped.
 *
 * @param target              the decoder that draws the new face (B turns A's faces into B)
 * @param coverage            the crop the model was trained on: faces must be aligned the same way
 * @param sourceReference     the person to swap, for {@link FaceSelection#REFERENCE}; may be null otherwise
 * @param targetIdentity      the target person's embedding, for the quality report; null skips identity figures
 * @param mask                where the new face goes; null for the best the model allows ({@link MaskSource#bestFor})
 */
public record SwapOptions(String target, Coverage coverage, ColourMatch colourMatch, BlendMode blend, BlendOptions blendOptions,
        FaceSelection selection, FaceEmbedding sourceReference, double maxIdentityDistance, FaceEmbedding targetIdentity,
        MaskSource mask) {

    /** Pasted under the best mask the model allows. */
    public SwapOptions(String target, Coverage coverage, ColourMatch colourMatch, BlendMode blend, BlendOptions blendOptions,
            FaceSelection selection, FaceEmbedding sourceReference, double maxIdentityDistance, FaceEmbedding targetIdentity) {
        this(target, coverage, colourMatch, blend, blendOptions, selection, sourceReference, maxIdentityDistance, targetIdentity, null);
    }

    public SwapOptions {
        if (selection == FaceSelection.REFERENCE && sourceReference == null) {
            throw new IllegalArgumentException("swapping the faces near a reference needs the reference");
        }
    }
}
