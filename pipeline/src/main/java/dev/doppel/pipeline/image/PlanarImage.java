package dev.doppel.pipeline.image;

import java.awt.image.BufferedImage;

/**
 * A square image as float planes in [0, 1], channel after channel (CHW), the layout a
 * {@link dev.doppel.pipeline.swap.FaceBatch} holds, so samples are copied in without reordering.
 */
public record PlanarImage(int channels, int size, float[] values) {

    public PlanarImage {
        if (values.length != channels * size * size) {
            throw new IllegalArgumentException("expected " + channels * size * size + " values");
        }
    }

    public static PlanarImage rgb(BufferedImage image) {
        int size = image.getWidth();
        float[] values = new float[3 * size * size];
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(x, y);
                int i = y * size + x;
                values[i] = (rgb >> 16 & 0xff) / 255f;
                values[plane + i] = (rgb >> 8 & 0xff) / 255f;
                values[2 * plane + i] = (rgb & 0xff) / 255f;
            }
        }
        return new PlanarImage(3, size, values);
    }

    public static PlanarImage grey(BufferedImage image) {
        int size = image.getWidth();
        float[] values = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                values[y * size + x] = image.getRaster().getSample(x, y, 0) / 255f;
            }
        }
        return new PlanarImage(1, size, values);
    }

    public BufferedImage toRgb() {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            int r = byteOf(values[i]);
            int g = byteOf(values[channels == 3 ? plane + i : i]);
            int b = byteOf(values[channels == 3 ? 2 * plane + i : i]);
            out.setRGB(i % size, i / size, r << 16 | g << 8 | b);
        }
        return out;
    }

    /** Bilinear sample of channel {@code c} at (x, y), pixel centres at whole numbers, edges replicated (OpenCV's BORDER_REPLICATE, as faceswap warps). */
    public float sample(int c, double x, double y) {
        double cx = Math.max(0, Math.min(size - 1, x));
        double cy = Math.max(0, Math.min(size - 1, y));
        int x0 = Math.min((int) cx, size - 2);
        int y0 = Math.min((int) cy, size - 2);
        double fx = cx - x0;
        double fy = cy - y0;
        int base = c * size * size;
        double top = values[base + y0 * size + x0] * (1 - fx) + values[base + y0 * size + x0 + 1] * fx;
        double bottom = values[base + (y0 + 1) * size + x0] * (1 - fx) + values[base + (y0 + 1) * size + x0 + 1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
