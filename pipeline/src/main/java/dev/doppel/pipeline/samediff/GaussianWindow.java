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
        float[] g = new float[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            double d = i - (size - 1) / 2.0;
            g[i] = (float) Math.exp(-d * d / (2 * sigma * sigma));
            total += g[i];
        }
        float[] kernel = new float[size * size * channels];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < channels; c++) {
                    kernel[(y * size + x) * channels + c] = (float) (g[y] * g[x] / (total * total));
                }
            }
        }
        return Nd4j.create(kernel, new long[] {size, size, channels, 1}, 'c').castTo(DataType.FLOAT);
    }
}
