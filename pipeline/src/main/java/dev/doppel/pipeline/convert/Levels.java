package dev.doppel.pipeline.convert;

/** 8-bit colour levels. */
final class Levels {

    private Levels() {
    }

    /** The nearest level 0..255 to a value that may have run out of range. */
    static int level(double value) {
        return (int) Math.round(Math.min(255, Math.max(0, value)));
    }
}
