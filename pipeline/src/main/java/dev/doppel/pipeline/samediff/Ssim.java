package dev.doppel.pipeline.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Structural dissimilarity as a SameDiff map: SSIM is Wang et al. (2004), an 11x11 Gaussian window
 * with sigma 1.5, C1 = 0.01², C2 = 0.03² for data in [0, 1], per channel (a depthwise convolution),
 * zero-padded "same" so the map lines up with the pictures; DSSIM = (1 - SSIM) / 2, faceswap's and
 * DFL's form.
 */
public final class Ssim {

    public static final int WINDOW = 11;
    static final double SIGMA = 1.5;
    static final double C1 = 0.01 * 0.01;
    static final double C2 = 0.03 * 0.03;

    private Ssim() {
    }

    /** @return N x 3 x R x R of DSSIM for {@code predicted} and {@code target}, N x 3 x R x R in [0, 1] */
    public static SDVariable dssim(SameDiff sd, String name, SDVariable predicted, SDVariable target) {
        // One depthwise pass over x, y, x², y², xy (15 channels) gives every local moment SSIM needs.
        SDVariable moments = sd.concat(1, predicted, target, predicted.mul(predicted), target.mul(target), predicted.mul(target));
        SDVariable[] m = sd.split(sd.cnn().depthWiseConv2d(moments, window(sd, name, 15), windowConfig()), 5, 1);
        SDVariable muX = m[0];
        SDVariable muY = m[1];
        SDVariable muXY = muX.mul(muY);
        SDVariable muX2 = muX.mul(muX);
        SDVariable muY2 = muY.mul(muY);
        SDVariable varX = m[2].sub(muX2);
        SDVariable varY = m[3].sub(muY2);
        SDVariable covariance = m[4].sub(muXY);
        SDVariable ssim = muXY.mul(2).add(C1).mul(covariance.mul(2).add(C2))
                .div(muX2.add(muY2).add(C1).mul(varX.add(varY).add(C2)));
        return ssim.rsub(1).div(2);
    }

    private static SDVariable window(SameDiff sd, String name, int channels) {
        float[] g = new float[WINDOW];
        double total = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            g[i] = (float) Math.exp(-d * d / (2 * SIGMA * SIGMA));
            total += g[i];
        }
        float[] kernel = new float[WINDOW * WINDOW * channels];
        for (int y = 0; y < WINDOW; y++) {
            for (int x = 0; x < WINDOW; x++) {
                for (int c = 0; c < channels; c++) {
                    kernel[(y * WINDOW + x) * channels + c] = (float) (g[y] * g[x] / (total * total));
                }
            }
        }
        return sd.constant(name + "/window", Nd4j.create(kernel, new long[] {WINDOW, WINDOW, channels, 1}, 'c').castTo(DataType.FLOAT));
    }

    private static Conv2DConfig windowConfig() {
        return Conv2DConfig.builder()
                .kH(WINDOW).kW(WINDOW).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .build();
    }
}
