package dev.doppel.pipeline.samediff;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A normalised 2-D Gaussian as convolution weights, for the SSIM window and DFL's mask blur alike. */
public final class GaussianWindow {

    private GaussianWindow() {
    }

    /**
     * A {@code size} x {@code size} Gaussian of {@code sigma} (an even size centred between pixels),
     * summing to 1, once per channel: [size, size, channels, 1], a depthwise (or, for one channel,
     * a plain) convolution's YXIO weights.
     */
    public static INDArray of(int size, double sigma, int channels) {
        float[] g = weights(size, sigma);
        float[] kernel = new float[size * size * channels];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < channels; c++) {
                    kernel[(y * size + x) * channels + c] = g[y] * g[x];
                }
            }
        }
        return Nd4j.create(kernel, new long[] {size, size, channels, 1}, 'c').castTo(DataType.FLOAT);
    }

    /**
     * One factor of the separable {@link #of} Gaussian: a {@code height} x {@code width} window
     * where one side is 1, [height, width, channels, 1]; a column of it then a row of it is the
     * square window.
     */
    public static INDArray line(int height, int width, double sigma, int channels) {
        if (height != 1 && width != 1) {
            throw new IllegalArgumentException("a line is one pixel high or wide, not " + height + "x" + width);
        }
        int size = Math.max(height, width);
        float[] g = weights(size, sigma);
        float[] kernel = new float[size * channels];
        for (int i = 0; i < size; i++) {
            for (int c = 0; c < channels; c++) {
                kernel[i * channels + c] = g[i];
            }
        }
        return Nd4j.create(kernel, new long[] {height, width, channels, 1}, 'c').castTo(DataType.FLOAT);
    }

    /** The normalised 1-D Gaussian, summing to 1. */
    private static float[] weights(int size, double sigma) {
        double[] g = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            double d = i - (size - 1) / 2.0;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
            total += g[i];
        }
        float[] normalised = new float[size];
        for (int i = 0; i < size; i++) {
            normalised[i] = (float) (g[i] / total);
        }
        return normalised;
    }
}
