package dev.doppel.pipeline.saehd;

import dev.doppel.pipeline.samediff.GaussianWindow;
import dev.doppel.pipeline.samediff.Ssim;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * SAEHD's loss of one identity (Model_SAEHD/Model.py), masked training and eyes-and-mouth priority
 * on: on the face under its blurred mask, 10 x DSSIM (window res / 11.6; from 256 px half of it at
 * res / 23.2) + 10 x MSE; 300 x the mean absolute error on the eyes and mouth; 10 x the MSE of the
 * predicted mask against the face's mask. Every term is a mean over the batch and the pixels, as DFL's.
 */
final class SaehdLoss {

    static final double DSSIM_WEIGHT = 10;
    static final double MSE_WEIGHT = 10;
    static final double EYES_MOUTH_WEIGHT = 300;
    static final double MASK_WEIGHT = 10;

    private SaehdLoss() {
    }

    /**
     * Adds {@code lossName}, the side's whole loss, and {@code maskName}, its mask term, to the graph.
     *
     * @param predicted  N x 3 x R x R, with {@code target}
     * @param mask       N x 1 x R x R predicted, with {@code targetMask} (the face's) and {@code eyesMouth} (1 on eyes and mouth)
     * @return the whole loss, a scalar
     */
    static SDVariable of(SameDiff sd, String lossName, String maskName, int resolution, SDVariable predicted, SDVariable mask,
                         SDVariable target, SDVariable targetMask, SDVariable eyesMouth) {
        // The mask is blurred and clipped at half, then doubled: its inside stays fully on and its edge fades outwards.
        SDVariable blurred = sd.math().clipByValue(blur(sd, lossName, targetMask, Math.max(1, resolution / 32)), 0, 0.5).mul(2);
        SDVariable targetMasked = target.mul(blurred);
        SDVariable predictedMasked = predicted.mul(blurred);
        SDVariable dssim;
        if (resolution < 256) {
            dssim = Ssim.meanDssim(sd, lossName + "/dssim", predictedMasked, targetMasked, (int) (resolution / 11.6)).mul(DSSIM_WEIGHT);
        } else {
            dssim = Ssim.meanDssim(sd, lossName + "/dssim", predictedMasked, targetMasked, (int) (resolution / 11.6)).mul(DSSIM_WEIGHT / 2)
                    .add(Ssim.meanDssim(sd, lossName + "/dssimFine", predictedMasked, targetMasked, (int) (resolution / 23.2)).mul(DSSIM_WEIGHT / 2));
        }
        SDVariable mse = sd.mean(sd.math().square(targetMasked.sub(predictedMasked))).mul(MSE_WEIGHT);
        SDVariable eyesMouthError = sd.mean(sd.math().abs(target.mul(eyesMouth).sub(predicted.mul(eyesMouth)))).mul(EYES_MOUTH_WEIGHT);
        SDVariable maskError = sd.mean(sd.math().square(targetMask.sub(mask))).mul(maskName, MASK_WEIGHT);
        return dssim.add(mse).add(eyesMouthError).add(lossName, maskError);
    }

    /**
     * DFL's {@code nn.gaussian_blur}: a Gaussian of {@code sigma} over max(3, 4 sigma) pixels (odd),
     * zero beyond the picture's edge.
     */
    static SDVariable blur(SameDiff sd, String name, SDVariable mask, int sigma) {
        int size = Math.max(3, 4 * sigma);
        if (size % 2 == 0) {
            size++;
        }
        SDVariable w = sd.constant(name + "/blur", GaussianWindow.of(size, sigma, 1));
        return sd.cnn().conv2d(mask, w, Conv2DConfig.builder()
                .kH(size).kW(size).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .build());
    }
}
