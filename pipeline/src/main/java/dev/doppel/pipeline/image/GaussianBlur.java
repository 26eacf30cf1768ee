package dev.doppel.pipeline.image;

import java.util.Arrays;

/** Separable Gaussian blur of a width x height plane, in place, the kernel cut at 3 sigma. */
public final class GaussianBlur {

    /** What the blur sees beyond the plane's edge. */
    public enum Border {
        /** The edge pixel repeated (OpenCV's BORDER_REPLICATE), so a plane that is full to its edge stays full there. */
        REPLICATE,
        /**
         * Zero: a weight map that runs to its patch's edge must still fade out there, as nothing past
         * the patch can be pasted.
         */
        ZERO,
    }

    private GaussianBlur() {
    }

    /** 8-bit grey levels, blurred through doubles so that the two passes round once, at the end. */
    public static void blur(byte[] pixels, int width, int height, double sigma, Border border) {
        double[] kernel = kernel(sigma);
        int radius = kernel.length / 2;
        double[] values = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = pixels[i] & 0xff;
        }
        double[] scratch = new double[Math.max(width, height) + 2 * radius];
        for (int y = 0; y < height; y++) {
            pass(values, y * width, 1, width, kernel, scratch, border);
        }
        for (int x = 0; x < width; x++) {
            pass(values, x, width, height, kernel, scratch, border);
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round(Math.min(255, Math.max(0, values[i])));
        }
    }

    public static void blur(float[] values, int width, int height, double sigma, Border border) {
        double[] wide = kernel(sigma);
        float[] kernel = new float[wide.length];
        for (int i = 0; i < wide.length; i++) {
            kernel[i] = (float) wide[i];
        }
        int radius = kernel.length / 2;
        float[] scratch = new float[Math.max(width, height) + 2 * radius];
        for (int y = 0; y < height; y++) {
            pass(values, y * width, 1, width, kernel, scratch, border);
        }
        for (int x = 0; x < width; x++) {
            pass(values, x, width, height, kernel, scratch, border);
        }
    }

    private static double[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        return kernel;
    }

    /** Blurs the n values at start, start + stride, ... through a copy padded as the border says. */
    private static void pass(double[] values, int start, int stride, int n, double[] kernel, double[] padded, Border border) {
        int radius = kernel.length / 2;
        boolean any = false;
        for (int i = 0; i < n; i++) {
            padded[i + radius] = values[start + i * stride];
            any |= padded[i + radius] != 0;
        }
        // A line of zeros blurs to zeros under either border, and masks are mostly empty lines.
        if (!any) {
            return;
        }
        boolean replicate = border == Border.REPLICATE;
        Arrays.fill(padded, 0, radius, replicate ? padded[radius] : 0);
        Arrays.fill(padded, n + radius, n + 2 * radius, replicate ? padded[n + radius - 1] : 0);
        // A window of one value blurs to that value's sum over the kernel, whatever the window: masks are
        // mostly inside or outside, so most sums are the same few, added once each in the same order.
        int run = 1;
        double constant = Float.NaN;
        double constantSum = 0;
        for (int i = n + kernel.length - 3; i >= n; i--) {
            run = padded[i] == padded[i + 1] ? run + 1 : 1;
        }
        for (int i = n - 1; i >= 0; i--) {
            run = padded[i] == padded[i + 1] ? run + 1 : 1;
            double sum = 0;
            if (run >= kernel.length && padded[i] == constant) {
                sum = constantSum;
            } else {
                for (int k = 0; k < kernel.length; k++) {
                    sum += kernel[k] * padded[i + k];
                }
                if (run >= kernel.length) {
                    constant = padded[i];
                    constantSum = sum;
                }
            }
            values[start + i * stride] = sum;
        }
    }

    private static void pass(float[] values, int start, int stride, int n, float[] kernel, float[] padded, Border border) {
        int radius = kernel.length / 2;
        boolean any = false;
        for (int i = 0; i < n; i++) {
            padded[i + radius] = values[start + i * stride];
            any |= padded[i + radius] != 0;
        }
        if (!any) {
            return;
        }
        boolean replicate = border == Border.REPLICATE;
        Arrays.fill(padded, 0, radius, replicate ? padded[radius] : 0);
        Arrays.fill(padded, n + radius, n + 2 * radius, replicate ? padded[n + radius - 1] : 0);
        // A window of one value blurs to that value's sum over the kernel, whatever the window: masks are
        // mostly inside or outside, so most sums are the same few, added once each in the same order.
        int run = 1;
        float constant = Float.NaN;
        float constantSum = 0;
        for (int i = n + kernel.length - 3; i >= n; i--) {
            run = padded[i] == padded[i + 1] ? run + 1 : 1;
        }
        for (int i = n - 1; i >= 0; i--) {
            run = padded[i] == padded[i + 1] ? run + 1 : 1;
            float sum = 0;
            if (run >= kernel.length && padded[i] == constant) {
                sum = constantSum;
            } else {
                for (int k = 0; k < kernel.length; k++) {
                    sum += kernel[k] * padded[i + k];
                }
                if (run >= kernel.length) {
                    constant = padded[i];
                    constantSum = sum;
                }
            }
            values[start + i * stride] = sum;
        }
    }
}
