package dev.doppel.pipeline.image;

/** 8-bit colour levels, alone and packed as 0xRRGGBB. */
public final class Levels {

    private Levels() {
    }

    /** The nearest level 0..255 to a value that may have run out of range. */
    public static int level(double value) {
        return (int) Math.round(Math.min(255, Math.max(0, value)));
    }

    /** Channel c (0 red, 1 green, 2 blue) of a packed pixel. */
    public static int channel(int rgb, int c) {
        return rgb >> (16 - 8 * c) & 0xff;
    }

    /** The packed pixel of the nearest levels to r, g, b. */
    public static int pack(double r, double g, double b) {
        return level(r) << 16 | level(g) << 8 | level(b);
    }
}
