package dev.doppel.pipeline.family;

/**
 * Faces a model drew and, for a model that also predicts where the face is, its masks.
 *
 * @param masks {@code faces.count()} x R x R values in [0, 1], row-major; null for a model without a learned mask
 */
public record TranslatedFaces(FaceBatch faces, float[] masks) {

    public TranslatedFaces {
        if (masks != null && masks.length != faces.count() * faces.size() * faces.size()) {
            throw new IllegalArgumentException("expected one mask value per face pixel");
        }
    }

    /** Face {@code index}'s mask, R x R. */
    public float[] mask(int index) {
        int plane = faces.size() * faces.size();
        float[] mask = new float[plane];
        System.arraycopy(masks, index * plane, mask, 0, plane);
        return mask;
    }
}
