package dev.doppel.pipeline.face;

import java.awt.image.BufferedImage;

/**
 * A face warped upright onto the mean face: the crop (size x size RGB), its mask (grey, 255 on
 * the face), the 2x3 row-major affine from source pixels to crop pixels, and the landmarks moved
 * into the crop. Conversion pastes a swapped face back through {@link #fromCrop()}.
 */
public record AlignedFace(BufferedImage crop, BufferedImage mask, double[] toCrop, LandmarkSet landmarksInCrop) {

    public AlignedFace {
        if (toCrop.length != 6) {
            throw new IllegalArgumentException("toCrop must be a 2x3 matrix, got " + toCrop.length + " values");
        }
        toCrop = toCrop.clone();
    }

    @Override
    public double[] toCrop() {
        return toCrop.clone();
    }

    /** The inverse of {@link #toCrop()}: crop pixels to source pixels. */
    public double[] fromCrop() {
        return Affine.invert(toCrop);
    }
}
