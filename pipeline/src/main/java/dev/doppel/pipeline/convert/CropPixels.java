package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The swapped and original aligned crops as packed 0xRRGGBB pixels, and the mask as a weight per
 * pixel. Statistics are mask-weighted rather than taken over a thresholded mask: the feathered rim
 * then counts in proportion, so they do not jump when the 0.5 line moves by a pixel between frames.
 */
record CropPixels(int width, int height, int[] swapped, int[] original, float[] weight) {

    static CropPixels of(BufferedImage swapped, BufferedImage original, BufferedImage mask) {
        int width = swapped.getWidth();
        int height = swapped.getHeight();
        for (BufferedImage other : new BufferedImage[] {original, mask}) {
            if (other.getWidth() != width || other.getHeight() != height) {
                throw new IllegalArgumentException("expected " + width + " x " + height + ", got "
                        + other.getWidth() + " x " + other.getHeight());
            }
        }
        int[] grey = mask.getRaster().getSamples(0, 0, width, height, 0, (int[]) null);
        float[] weight = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            weight[i] = grey[i] / 255f;
        }
        return new CropPixels(width, height, swapped.getRGB(0, 0, width, height, null, 0, width),
                original.getRGB(0, 0, width, height, null, 0, width), weight);
    }

    boolean hasWeight() {
        for (float w : weight) {
            if (w > 0) {
                return true;
            }
        }
        return false;
    }

    BufferedImage image(int[] rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(rgb, 0, ((DataBufferInt) image.getRaster().getDataBuffer()).getData(), 0, rgb.length);
        return image;
    }
}
