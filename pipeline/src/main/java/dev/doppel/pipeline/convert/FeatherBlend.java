package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.image.GaussianBlur;
import dev.doppel.pipeline.image.Levels;

/**
 * faceswap's mask blend: threshold the warped mask, erode it, blur it, and alpha-composite. The
 * blurred weight is then capped by the warped alpha itself, so it is exactly 0 wherever the mask
 * was: the blur softens the edge inwards but never carries the face onto pixels the mask left out,
 * and it stays continuous where a plain cut at the mask's support would leave a step.
 */
final class FeatherBlend {

    private FeatherBlend() {
    }

    static void blend(FacePatch patch, byte[] frame, int frameWidth, int frameHeight, BlendOptions options) {
        double side = patch.side();
        if (side == 0) {
            return;
        }
        float[] weight = weight(patch, options, side);
        int x0 = Math.max(0, patch.x());
        int x1 = Math.min(frameWidth, patch.x() + patch.width());
        int y0 = Math.max(0, patch.y());
        int y1 = Math.min(frameHeight, patch.y() + patch.height());
        float[] rgb = patch.rgb();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = (y - patch.y()) * patch.width() + x - patch.x();
                float w = weight[i];
                if (w <= 0) {
                    continue;
                }
                int f = (y * frameWidth + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int old = frame[f + c] & 0xff;
                    frame[f + c] = (byte) Levels.level(old + w * (rgb[3 * i + c] - old));
                }
            }
        }
    }

    static float[] weight(FacePatch patch, BlendOptions options, double side) {
        int width = patch.width();
        int height = patch.height();
        boolean[] eroded = DistanceTransform.erode(patch.region(), width, height, options.erosion() * side);
        float[] weight = new float[eroded.length];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = eroded[i] ? 1 : 0;
        }
        double sigma = options.feather() * side;
        if (sigma > 0) {
            GaussianBlur.blur(weight, width, height, sigma, GaussianBlur.Border.ZERO);
        }
        float[] alpha = patch.alpha();
        for (int i = 0; i < weight.length; i++) {
            weight[i] = Math.min(Math.min(1, weight[i]), Math.max(0, alpha[i]));
        }
        return weight;
    }
}
