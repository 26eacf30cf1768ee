package dev.doppel.pipeline.convert;

import java.util.function.IntBinaryOperator;

/** Faces and frames to blend in tests. */
final class Patches {

    private Patches() {
    }

    /** A side x side patch at (x, y), colour per (x, y, channel) in patch pixels, alpha a disc of the radius with a 3 px ramp. */
    static FacePatch disc(int x, int y, int side, double radius, Colour colour) {
        float[] rgb = new float[side * side * 3];
        float[] alpha = new float[side * side];
        for (int v = 0; v < side; v++) {
            for (int u = 0; u < side; u++) {
                int i = v * side + u;
                for (int c = 0; c < 3; c++) {
                    rgb[3 * i + c] = colour.at(u, v, c);
                }
                double r = Math.hypot(u + 0.5 - side / 2.0, v + 0.5 - side / 2.0);
                alpha[i] = (float) Math.min(1, Math.max(0, (radius - r) / 3 + 0.5));
            }
        }
        return new FacePatch(x, y, side, side, rgb, alpha);
    }

    static byte[] frame(int width, int height, IntBinaryOperator level) {
        byte[] frame = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            for (int c = 0; c < 3; c++) {
                frame[3 * i + c] = (byte) level.applyAsInt(i, c);
            }
        }
        return frame;
    }

    interface Colour {
        float at(int u, int v, int c);
    }
}
