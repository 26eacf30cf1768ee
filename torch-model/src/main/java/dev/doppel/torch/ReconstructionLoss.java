package dev.doppel.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * faceswap's reconstruction loss, weighted per pixel: sum(w * (DSSIM + MAE)) / sum(w), with DSSIM
 * and MAE averaged over the three channels at each pixel. DSSIM = (1 - SSIM) / 2, SSIM from an
 * 11x11 Gaussian window (sigma 1.5) per channel, taken as a column then a row of it. The window is
 * zero-padded so that the SSIM map keeps the image's size and lines up with the per-pixel weights.
 *
 * <p>No {@code NDArray.add/sub/mul/div/maximum(Number)} here: DJL's PyTorch engine turns the
 * number into a 0-d tensor over a Java direct buffer (torch::from_blob, no copy) and closes it as
 * soon as the op returns. Autograd keeps that tensor for the backward pass of a product or a
 * quotient, so once the garbage collector frees the buffer (at any moment between forward and
 * backward) the backward pass multiplies by whatever the freed memory holds: gradients off by
 * orders of magnitude, now and then Inf or NaN. The constants are therefore tensors that libtorch
 * allocates and owns ({@code NDManager.full}), made once and kept for the model's lifetime.
 */
final class ReconstructionLoss {

    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final float C1 = 0.01f * 0.01f;
    private static final float C2 = 0.03f * 0.03f;
    /** x, y, x², y², xy: the five local means SSIM needs, taken in one depthwise convolution. */
    private static final int MOMENTS = 5;
    private static final int CHANNELS = 3;

    private final NDArray column;
    private final NDArray row;
    private final NDArray one;
    private final NDArray two;
    private final NDArray half;
    private final NDArray c1;
    private final NDArray c2;
    private final NDArray minWeightSum;

    ReconstructionLoss(NDManager manager) {
        this.column = window(manager, new Shape(MOMENTS * CHANNELS, 1, WINDOW, 1));
        this.row = window(manager, new Shape(MOMENTS * CHANNELS, 1, 1, WINDOW));
        this.one = constant(manager, 1f);
        this.two = constant(manager, 2f);
        this.half = constant(manager, 0.5f);
        this.c1 = constant(manager, C1);
        this.c2 = constant(manager, C2);
        this.minWeightSum = constant(manager, 1e-6f);
    }

    /** A 0-d float tensor in memory libtorch owns, unlike {@code manager.create(value)}. */
    private static NDArray constant(NDManager manager, float value) {
        return manager.full(new Shape(), value, DataType.FLOAT32);
    }

    /** Scalar loss of {@code predicted} against {@code target} (N x 3 x R x R), weights N x 1 x R x R. */
    NDArray compute(NDArray predicted, NDArray target, NDArray weights) {
        NDArray stacked = NDArrays.concat(new NDList(
                predicted, target, predicted.square(), target.square(), predicted.mul(target)), 1);
        // The Gaussian is separable: a column of it then a row, the square window's sums at 2 x 11 taps a pixel.
        int pad = WINDOW / 2;
        NDArray columns = Conv2d.conv2d(stacked, column, null, new Shape(1, 1), new Shape(pad, 0),
                new Shape(1, 1), MOMENTS * CHANNELS)
                .singletonOrThrow();
        NDArray means = Conv2d.conv2d(columns, row, null, new Shape(1, 1), new Shape(0, pad),
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

        NDArray ssim = muXmuY.mul(two).add(c1).mul(covXY.mul(two).add(c2))
                .div(muX2.add(muY2).add(c1).mul(varX.add(varY).add(c2)));
        // A result joins its left operand's manager: the step's arrays lead, the constants follow.
        NDArray dssim = ssim.neg().add(one).mul(half);
        NDArray mae = predicted.sub(target).abs();
        NDArray perPixel = dssim.add(mae).mean(new int[] {1}, true);
        // An all-zero mask would divide by zero and poison the weights with NaN.
        return perPixel.mul(weights).sum().div(weights.sum().maximum(minWeightSum));
    }

    /** The {@code k}-th group of three channels. */
    private static NDArray moment(NDArray means, int k) {
        return means.get(new NDIndex(":, {}:{}", k * CHANNELS, (k + 1) * CHANNELS));
    }

    /** The normalised 1-D Gaussian once per group, shaped as a column or a row, in memory libtorch owns. */
    private static NDArray window(NDManager manager, Shape shape) {
        double[] g = new double[WINDOW];
        double total = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            g[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            total += g[i];
        }
        float[] weights = new float[MOMENTS * CHANNELS * WINDOW];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (g[i % WINDOW] / total);
        }
        // Copied into libtorch's memory: conv2d's backward keeps the window too.
        try (NDArray javaBacked = manager.create(weights, shape)) {
            return javaBacked.duplicate();
        }
    }
}
