package dev.doppel.pipeline.family;

/**
 * Faces as a dense float tensor: {@code count} x 3 x {@code size} x {@code size}, RGB in [0, 1],
 * row-major NCHW, so that ND4J and PyTorch can wrap it without reordering.
 */
public record FaceBatch(int count, int size, float[] pixels) {

    public FaceBatch {
        if (pixels.length != count * 3 * size * size) {
            throw new IllegalArgumentException("expected " + count * 3 * size * size + " floats, got " + pixels.length);
        }
    }
}
