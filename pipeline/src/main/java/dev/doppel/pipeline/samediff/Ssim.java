package dev.doppel.pipeline.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

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
        return ssim(sd, name, predicted, target, WINDOW, PaddingMode.SAME).rsub(1).div(2);
    }

    /**
     * DeepFaceLab's {@code nn.dssim}: a {@code window} x {@code window} Gaussian (sigma 1.5, even
     * sizes centred between pixels), only where the window fits the picture (no padding), SSIM
     * averaged over the map and the channels before (1 - SSIM) / 2, as SAEHD weighs it.
     *
     * @return a scalar, the batch's mean DSSIM
     */
    public static SDVariable meanDssim(SameDiff sd, String name, SDVariable predicted, SDVariable target, int window) {
        return sd.mean(ssim(sd, name, predicted, target, window, PaddingMode.VALID)).rsub(1).div(2);
    }

    private static SDVariable ssim(SameDiff sd, String name, SDVariable predicted, SDVariable target, int window, PaddingMode padding) {
        // One depthwise pass over x, y, x², y², xy (15 channels) gives every local moment SSIM needs;
        // the Gaussian is separable, so a column then a row of it: 2 x 11 taps a pixel instead of 121
        // (the same sums, zero padding included), and a backward pass 5x cheaper than the square's.
        SDVariable moments = sd.concat(1, predicted, target, predicted.mul(predicted), target.mul(target), predicted.mul(target));
        SDVariable columns = sd.cnn().depthWiseConv2d(moments, window(sd, name + "/column", 15, window, 1), windowConfig(window, 1, padding));
        SDVariable means = sd.cnn().depthWiseConv2d(columns, window(sd, name + "/row", 15, 1, window), windowConfig(1, window, padding));
        SDVariable[] m = sd.split(means, 5, 1);
        SDVariable muX = m[0];
        SDVariable muY = m[1];
        SDVariable muXY = muX.mul(muY);
        SDVariable muX2 = muX.mul(muX);
        SDVariable muY2 = muY.mul(muY);
        SDVariable varX = m[2].sub(muX2);
        SDVariable varY = m[3].sub(muY2);
        SDVariable covariance = m[4].sub(muXY);
        return muXY.mul(2).add(C1).mul(covariance.mul(2).add(C2))
                .div(muX2.add(muY2).add(C1).mul(varX.add(varY).add(C2)));
    }

    private static SDVariable window(SameDiff sd, String name, int channels, int height, int width) {
        return sd.constant(name + "/window", GaussianWindow.line(height, width, SIGMA, channels));
    }

    private static Conv2DConfig windowConfig(int height, int width, PaddingMode padding) {
        return Conv2DConfig.builder()
                .kH(height).kW(width).sH(1).sW(1)
                .paddingMode(padding)
                .dataFormat("NCHW")
                .build();
    }
}
