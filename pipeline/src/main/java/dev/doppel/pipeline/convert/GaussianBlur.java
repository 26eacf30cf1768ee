package dev.doppel.pipeline.convert;

import java.util.Arrays;

/**
 * Separable Gaussian blur of a weight map, in place. Unlike the face package's blur of mask bytes,
 * the world beyond the rectangle counts as 0, not as the edge pixel repeated: a mask that runs to
 * its patch's edge must still fade out there, as nothing past the patch can be pasted.
 */
final class GaussianBlur {

    private GaussianBlur() {
    }

    static void blur(float[] values, int width, int height, double sigma) {
        float[] kernel = kernel(sigma);
        float[] scratch = new float[Math.max(width, height) + kernel.length];
        int radius = kernel.length / 2;
        for (int y = 0; y < height; y++) {
            pass(values, y * width, 1, width, kernel, scratch, radius);
        }
        for (int x = 0; x < width; x++) {
            pass(values, x, width, height, kernel, scratch, radius);
        }
    }

    static float[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
        return kernel;
    }

    /** Blurs the n values at start, start + stride, ... through a zero-padded copy. */
    private static void pass(float[] values, int start, int stride, int n, float[] kernel, float[] padded, int radius) {
        Arrays.fill(padded, 0, n + 2 * radius, 0f);
        boolean any = false;
        for (int i = 0; i < n; i++) {
            padded[i + radius] = values[start + i * stride];
            any |= padded[i + radius] != 0;
        }
        if (!any) {
            return;
        }
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int k = 0; k < kernel.length; k++) {
                sum += kernel[k] * padded[i + k];
            }
            values[start + i * stride] = sum;
        }
    }
}
