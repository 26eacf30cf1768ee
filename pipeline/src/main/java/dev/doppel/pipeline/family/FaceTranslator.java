package dev.doppel.pipeline.family;

/**
 * A model that redraws aligned faces as one of the people it learned: what conversion runs, so a
 * family that turns faces into faces (a DeepFakes autoencoder, a CycleGAN generator pair) converts
 * photos and videos without conversion knowing the family.
 */
public interface FaceTranslator {

    /** Side of the square faces it takes and makes, in pixels. */
    int resolution();

    /**
     * @param faces aligned faces, N x 3 x R x R in [0, 1]
     * @param role  the face set role the faces should come out as ({@code B} swaps A's faces into B's)
     */
    FaceBatch translate(FaceBatch faces, String role);

    /** Whether {@link #translateWithMasks} gives masks: the model learned where the face it draws is. */
    default boolean predictsMasks() {
        return false;
    }

    /** {@link #translate}, with the drawn faces' masks where the model {@link #predictsMasks predicts them}. */
    default TranslatedFaces translateWithMasks(FaceBatch faces, String role) {
        return new TranslatedFaces(translate(faces, role), null);
    }
}
