package dev.doppel.pipeline.train;

import java.util.Random;

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
        for (int i = 0; i < plane; i++) {
            toLab(in[i], in[plane + i], in[2 * plane + i], lab);
            // As OpenCV stores 8-bit Lab: L * 255/100, a + 128, b + 128.
            double[] scaled = {lab[0] * 2.55, lab[1] + 128, lab[2] + 128};
            for (int c = 0; c < 3; c++) {
                scaled[c] = amount[c] >= 0 ? scaled[c] + (255 - scaled[c]) * amount[c] : scaled[c] * (1 + amount[c]);
            }
            double[] back = toRgb(scaled[0] / 2.55, scaled[1] - 128, scaled[2] - 128);
            for (int c = 0; c < 3; c++) {
                out[c * plane + i] = (float) Math.max(0, Math.min(1, back[c]));
            }
        }
        return new PlanarImage(3, rgb.size(), out);
    }

    // sRGB (D65) <-> CIE Lab.
    private static final double XN = 0.95047;
    private static final double ZN = 1.08883;

    static void toLab(double r, double g, double b, double[] lab) {
        double lr = linear(r);
        double lg = linear(g);
        double lb = linear(b);
        double x = f((0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / XN);
        double y = f(0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb);
        double z = f((0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb) / ZN);
        lab[0] = 116 * y - 16;
        lab[1] = 500 * (x - y);
        lab[2] = 200 * (y - z);
    }

    static double[] toRgb(double l, double a, double b) {
        double fy = (l + 16) / 116;
        double x = XN * fInverse(fy + a / 500);
        double y = fInverse(fy);
        double z = ZN * fInverse(fy - b / 200);
        return new double[] {
            gamma(3.2404542 * x - 1.5371385 * y - 0.4985314 * z),
            gamma(-0.9692660 * x + 1.8760108 * y + 0.0415560 * z),
            gamma(0.0556434 * x - 0.2040259 * y + 1.0572252 * z),
        };
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double gamma(double c) {
        return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(Math.max(c, 0), 1 / 2.4) - 0.055;
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double fInverse(double t) {
        return t * t * t > 216.0 / 24389 ? t * t * t : (116 * t - 16) * 27 / 24389;
    }
}
