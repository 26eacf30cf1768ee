package dev.doppel.pipeline.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.doppel.pipeline.face.FaceEmbedding;

/**
 * Which faces of a picture get swapped: in a crowded frame the user wants one person, not every
 * face (a request faceswap's and DeepFaceLab's users keep making).
 */
public enum FaceSelection {
    /** Every face found. */
    ALL,
    /** Only the largest face, the main subject as a rule. */
    LARGEST,
    /** Faces whose embedding lies within the distance of the source person's reference. */
    REFERENCE;

    /**
     * Indices of the faces to swap. Faces come largest first (as {@code FaceExtractor.locate} returns
     * them); {@code embeddings} holds one per face, and only {@link #REFERENCE} needs them.
     */
    public List<Integer> pick(int count, List<FaceEmbedding> embeddings, FaceEmbedding reference, double maxDistance) {
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean take = switch (this) {
                case ALL -> true;
                case LARGEST -> i == 0;
                case REFERENCE -> embeddings.get(i).distance(reference) <= maxDistance;
            };
            if (take) {
                picked.add(i);
            }
        }
        return picked;
    }

    public static FaceSelection parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown face selection '" + name + "'; known: all, largest, reference");
        }
    }
}
