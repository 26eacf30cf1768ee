package dev.doppel.pipeline.convert;

/**
 * How a face's edge is prepared before it is pasted, both as fractions of the face's side (the
 * square root of its mask's area, see {@link FacePatch}).
 *
 * @param erosion how far the mask is shrunk; no dilation, as the face may never reach past its
 *                warped mask
 * @param feather the Gaussian sigma that softens the (eroded) edge
 */
public record BlendOptions(double erosion, double feather) {

    /**
     * No erosion, as faceswap's mask blend defaults to; a feather of 1/40, the fraction
     * {@link dev.doppel.pipeline.face.FaceMask} already softens the landmark mask by, which hides the
     * seam without washing the jaw line into the background.
     */
    public static final BlendOptions DEFAULT = new BlendOptions(0, 1.0 / 40);

    public BlendOptions {
        if (!(erosion >= 0 && erosion < 1) || !(feather >= 0 && feather < 1)) {
            throw new IllegalArgumentException("erosion and feather are fractions in [0, 1), got " + erosion + " and " + feather);
        }
    }
}
