package dev.doppel.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * faceswap's reconstruction loss, weighted per pixel: sum(w * (DSSIM + MAE)) / sum(w), with DSSIM
 * and MAE averaged over the three channels at each pixel. DSSIM = (1 - SSIM) / 2, SSIM from an
 * 11x11 Gaussian window (sigma 1.5) per channel. The window is zero-padded so that the SSIM map
 * keeps the image's size and lines up with the per-pixel weights.
 */
final class ReconstructionLoss {

    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final float C1 = 0.01f * 0.01f;
    private static final float C2 = 0.03f * 0.03f;
    /** x, y, x², y², xy: the five local means SSIM needs, taken in one depthwise convolution. */
    private static final int MOMENTS = 5;
    private static final int CHANNELS = 3;

    private final NDArray window;

    ReconstructionLoss(NDManager manager) {
        float[] kernel = gaussianWindow();
        int groups = MOMENTS * CHANNELS;
        float[] weights = new float[groups * kernel.length];
        for (int g = 0; g < groups; g++) {
            System.arraycopy(kernel, 0, weights, g * kernel.length, kernel.length);
        }
        this.window = manager.create(weights, new Shape(groups, 1, WINDOW, WINDOW));
    }

    /** Scalar loss of {@code predicted} against {@code target} (N x 3 x R x R), weights N x 1 x R x R. */
    NDArray compute(NDArray predicted, NDArray target, NDArray weights) {
        NDArray stacked = NDArrays.concat(new NDList(
                predicted, target, predicted.square(), target.square(), predicted.mul(target)), 1);
        int pad = WINDOW / 2;
        NDArray means = Conv2d.conv2d(stacked, window, null, new Shape(1, 1), new Shape(pad, pad),
                new Shape(1, 1), MOMENTS * CHANNELS)
                .singletonOrThrow();
        NDArray muX = moment(means, 0);
        NDArray muY = moment(means, 1);
        NDArray muXmuY = muX.mul(muY);
        NDArray muX2 = muX.square();
        NDArray muY2 = muY.square();
        NDArray varX = moment(means, 2).sub(muX2);
        NDArray varY = moment(means, 3).sub(muY2);
        NDArray covXY = moment(means, 4).sub(muXmuY);

        NDArray ssim = muXmuY.mul(2).add(C1).mul(covXY.mul(2).add(C2))
                .div(muX2.add(muY2).add(C1).mul(varX.add(varY).add(C2)));
        NDArray dssim = ssim.neg().add(1).div(2);
        NDArray mae = predicted.sub(target).abs();
        NDArray perPixel = dssim.add(mae).mean(new int[] {1}, true);
        // An all-zero mask would divide by zero and poison the weights with NaN.
        return perPixel.mul(weights).sum().div(weights.sum().maximum(1e-6f));
    }

    /**
     * The {@code k}-th group of three channels, by slicing (as TorchSwapModel.trainStep does).
     */
    private static NDArray moment(NDArray means, int k) {
        return means.get(new NDIndex(":, {}:{}", k * CHANNELS, (k + 1) * CHANNELS));
    }

    private static float[] gaussianWindow() {
        double[] g = new double[WINDOW];
        double total = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            g[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            total += g[i];
        }
        float[] kernel = new float[WINDOW * WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            for (int j = 0; j < WINDOW; j++) {
                kernel[i * WINDOW + j] = (float) (g[i] * g[j] / (total * total));
            }
        }
        return kernel;
    }
}
