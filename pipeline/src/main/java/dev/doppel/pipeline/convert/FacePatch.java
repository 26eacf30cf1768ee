package dev.doppel.pipeline.convert;

/**
 * A face to paste into a frame, already warped into frame pixels: the rectangle
 * [x, x + width) x [y, y + height) of the frame, RGB floats 0..255 row-major interleaved (3 per
 * pixel), and alpha 0..1 per pixel (the warped mask, not yet eroded or feathered). The rectangle
 * may reach past the frame's border.
 */
public record FacePatch(int x, int y, int width, int height, float[] rgb, float[] alpha) {

    public FacePatch {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty patch " + width + " x " + height);
        }
        if (rgb.length != width * height * 3 || alpha.length != width * height) {
            throw new IllegalArgumentException("expected " + width + " x " + height + " x 3 colours and "
                    + width * height + " alphas, got " + rgb.length + " and " + alpha.length);
        }
    }

    /** The pixels the face covers: alpha above a half. */
    boolean[] region() {
        boolean[] region = new boolean[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            region[i] = alpha[i] > 0.5f;
        }
        return region;
    }

    /**
     * The face's side in pixels, the square root of its region's area, which erosion and feather
     * are fractions of. Like faceswap's mask blend it measures the mask rather than the patch, so
     * that the padding around a face does not change how soft its edge is.
     */
    double side() {
        int area = 0;
        for (float a : alpha) {
            if (a > 0.5f) {
                area++;
            }
        }
        return Math.sqrt(area);
    }
}
