package dev.doppel.pipeline.train;

import java.util.Random;

import dev.doppel.pipeline.image.LabColour;
import dev.doppel.pipeline.image.PlanarImage;

/**
 * faceswap's colour augmentation (lib/training/augmentation.py, {@code _random_lab}): in CIE Lab,
 * each channel moves a random fraction of the way towards its top (or bottom) end: lightness up to
 * 30 %, a and b up to 8 %, on OpenCV's 8-bit Lab scale (a, b offset by 128). It teaches the
 * decoders faces under other lighting without changing who they are.
 */
public record LabJitter(double lightness, double chroma) {

    public static final LabJitter FACESWAP = new LabJitter(0.30, 0.08);

    public PlanarImage apply(PlanarImage rgb, Random random) {
        double[] amount = {
            (random.nextDouble() * 2 - 1) * lightness,
            (random.nextDouble() * 2 - 1) * chroma,
            (random.nextDouble() * 2 - 1) * chroma,
        };
        int plane = rgb.size() * rgb.size();
        float[] in = rgb.values();
        float[] out = new float[in.length];
        double[] lab = new double[3];
        double[] back = new double[3];
        for (int i = 0; i < plane; i++) {
            LabColour.toLab(in[i], in[plane + i], in[2 * plane + i], lab);
            // As OpenCV stores 8-bit Lab: L * 255/100, a + 128, b + 128.
            double[] scaled = {lab[0] * 2.55, lab[1] + 128, lab[2] + 128};
            for (int c = 0; c < 3; c++) {
                scaled[c] = amount[c] >= 0 ? scaled[c] + (255 - scaled[c]) * amount[c] : scaled[c] * (1 + amount[c]);
            }
            LabColour.toRgb(scaled[0] / 2.55, scaled[1] - 128, scaled[2] - 128, back);
            for (int c = 0; c < 3; c++) {
                out[c * plane + i] = (float) back[c];
            }
        }
        return new PlanarImage(3, rgb.size(), out);
    }
}
