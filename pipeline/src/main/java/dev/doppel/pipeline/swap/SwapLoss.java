package dev.doppel.pipeline.swap;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import dev.doppel.pipeline.samediff.Ssim;

/**
 * The reconstruction loss of one identity: per pixel, DSSIM ({@link Ssim}) + MAE averaged over the
 * three channels, weighted by the loss-weight map (0 off the mask, 1 face, 3 eyes, 2 mouth, as DFL
 * and faceswap's eye/mouth multipliers), summed and divided by the sum of weights; the weights are
 * 0 near the borders, where the window's zero padding biases the statistics.
 */
final class SwapLoss {

    private SwapLoss() {
    }

    /** @return a scalar; {@code predicted} and {@code target} are N x 3 x R x R, {@code weights} N x 1 x R x R */
    static SDVariable of(SameDiff sd, String name, SDVariable predicted, SDVariable target, SDVariable weights) {
        SDVariable dssim = Ssim.dssim(sd, name, predicted, target);
        SDVariable mae = sd.math().abs(predicted.sub(target));
        SDVariable perPixel = sd.mean(dssim.add(mae), true, 1);
        // The tiny floor keeps an all-zero weight map (no face) from dividing by zero.
        return sd.sum(perPixel.mul(weights)).div(name, sd.sum(weights).add(1e-6));
    }
}
