package dev.doppel.pipeline.face;

/** Aligned crops of size x size pixels showing the part of the head that coverage says. */
public record AlignmentOptions(int size, Coverage coverage) {

    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 512;

    public AlignmentOptions {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("aligned face size must be " + MIN_SIZE + ".." + MAX_SIZE + " px, got " + size);
        }
        if (coverage == null) {
            throw new IllegalArgumentException("coverage is required");
        }
    }
}
