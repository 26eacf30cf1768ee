package dev.doppel.pipeline.image;

/**
 * sRGB (D65) to CIE L*a*b* and back, L 0..100. The same space OpenCV's COLOR_BGR2LAB gives on
 * float pixels, which is what faceswap's color-transfer and DeepFaceLab's rct run Reinhard in and
 * faceswap's Lab augmentation jitters, so that our results line up with theirs; the paper's own
 * lαβ decorrelates about as well.
 */
public final class LabColour {

    // IEC 61966-2-1 primaries with the D65 white point.
    private static final double[] TO_XYZ = {
        0.4124564, 0.3575761, 0.1804375,
        0.2126729, 0.7151522, 0.0721750,
        0.0193339, 0.1191920, 0.9503041,
    };
    private static final double[] TO_RGB = {
        3.2404542, -1.5371385, -0.4985314,
        -0.9692660, 1.8760108, 0.0415560,
        0.0556434, -0.2040259, 1.0572252,
    };
    private static final double[] WHITE = {0.95047, 1.0, 1.08883};
    private static final double DELTA = 6.0 / 29;
    // 8-bit pixels take one of 256 values per channel: a table saves a pow per channel per pixel.
    private static final double[] LINEAR = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            LINEAR[v] = linear(v / 255.0);
        }
    }

    private LabColour() {
    }

    /** sRGB 0..1 to L*, a*, b*, written to {@code lab}. */
    public static void toLab(double r, double g, double b, double[] lab) {
        fromLinear(linear(r), linear(g), linear(b), lab);
    }

    /** L*, a*, b* to sRGB 0..1, clipped to the sRGB gamut, written to {@code rgb}. */
    public static void toRgb(double l, double a, double b, double[] rgb) {
        double fy = (l + 16) / 116;
        double x = WHITE[0] * inverseF(fy + a / 500);
        double y = WHITE[1] * inverseF(fy);
        double z = WHITE[2] * inverseF(fy - b / 200);
        rgb[0] = gamma(TO_RGB[0] * x + TO_RGB[1] * y + TO_RGB[2] * z);
        rgb[1] = gamma(TO_RGB[3] * x + TO_RGB[4] * y + TO_RGB[5] * z);
        rgb[2] = gamma(TO_RGB[6] * x + TO_RGB[7] * y + TO_RGB[8] * z);
    }

    /** Packed 0xRRGGBB pixels to interleaved L*, a*, b*. */
    public static float[] lab(int[] pixels) {
        float[] lab = new float[pixels.length * 3];
        double[] one = new double[3];
        for (int i = 0; i < pixels.length; i++) {
            fromLinear(LINEAR[Levels.channel(pixels[i], 0)], LINEAR[Levels.channel(pixels[i], 1)],
                    LINEAR[Levels.channel(pixels[i], 2)], one);
            for (int c = 0; c < 3; c++) {
                lab[3 * i + c] = (float) one[c];
            }
        }
        return lab;
    }

    /** Interleaved L*, a*, b* to packed 0xRRGGBB pixels, clipped to the sRGB gamut. */
    public static int[] rgb(float[] lab) {
        int[] pixels = new int[lab.length / 3];
        double[] one = new double[3];
        for (int i = 0; i < pixels.length; i++) {
            toRgb(lab[3 * i], lab[3 * i + 1], lab[3 * i + 2], one);
            pixels[i] = Levels.pack(255 * one[0], 255 * one[1], 255 * one[2]);
        }
        return pixels;
    }

    private static void fromLinear(double r, double g, double b, double[] lab) {
        double fx = f((TO_XYZ[0] * r + TO_XYZ[1] * g + TO_XYZ[2] * b) / WHITE[0]);
        double fy = f((TO_XYZ[3] * r + TO_XYZ[4] * g + TO_XYZ[5] * b) / WHITE[1]);
        double fz = f((TO_XYZ[6] * r + TO_XYZ[7] * g + TO_XYZ[8] * b) / WHITE[2]);
        lab[0] = 116 * fy - 16;
        lab[1] = 500 * (fx - fy);
        lab[2] = 200 * (fy - fz);
    }

    private static double linear(double s) {
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > DELTA * DELTA * DELTA ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4.0 / 29;
    }

    private static double inverseF(double f) {
        return f > DELTA ? f * f * f : 3 * DELTA * DELTA * (f - 4.0 / 29);
    }

    /**
     * Linear light to sRGB 0..1, clipped first: colour transfer and jitter push colours out of
     * gamut, and those belong on its edge, not on the power of a negative number.
     */
    private static double gamma(double linear) {
        double l = Math.min(1, Math.max(0, linear));
        return l <= 0.0031308 ? 12.92 * l : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
    }
}
