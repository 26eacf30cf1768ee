package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;

import dev.doppel.pipeline.image.PlanarImage;

/**
 * Where a swapped face may go: the hull of the old face's landmarks, the mask the model drew with
 * the new face (DeepFaceLab's "learned-prd"), or the product of the two (DFL multiplies its learned
 * masks the same way, learned-prd*learned-dst; here the second is the landmark hull): the product
 * keeps the new face off what the old face's hull leaves out and off what the model did not draw as
 * face, such as a hand or hair in front of it.
 */
public enum MaskSource {
    LANDMARKS, PREDICTED, PRODUCT;

    /** Parses "landmarks", "predicted" or "product", in any case. */
    public static MaskSource parse(String name) {
        return Names.parse(MaskSource.class, "mask", name);
    }

    /** The best a model allows: both masks where it draws one, else the landmark hull. */
    public static MaskSource bestFor(boolean predictsMasks) {
        return predictsMasks ? PRODUCT : LANDMARKS;
    }

    /**
     * The mask to paste under, at the landmark mask's size.
     *
     * @param landmarks the aligned face's landmark mask (TYPE_BYTE_GRAY, as {@link PlanarImage#grey} reads)
     * @param predicted the model's mask at its resolution, row-major in [0, 1]; unused for {@link #LANDMARKS}
     */
    BufferedImage combine(BufferedImage landmarks, float[] predicted, int resolution) {
        if (this == LANDMARKS) {
            return landmarks;
        }
        int size = landmarks.getWidth();
        PlanarImage hull = PlanarImage.grey(landmarks);
        PlanarImage learned = new PlanarImage(1, resolution, predicted);
        double scale = (double) resolution / size;
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float value = learned.sample(0, (x + 0.5) * scale - 0.5, (y + 0.5) * scale - 0.5);
                if (this == PRODUCT) {
                    value *= hull.values()[y * size + x];
                }
                out.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, Math.round(value * 255))));
            }
        }
        return out;
    }
}
