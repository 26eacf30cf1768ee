package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;

/**
 * How face-api feeds a picture to its networks: a region zero-padded to a square (at the end, or
 * centred), then resized with {@code tf.image.resizeBilinear} (no corner alignment, no half-pixel
 * centres). Reproduced in float arithmetic, term for term, so that the networks see the same
 * numbers as under TensorFlow.js.
 */
final class SquareInput {

    private SquareInput() {
    }

    /**
     * Writes the size x size x 3 square, values 0..255, at {@code offset} of {@code out}.
     *
     * @param region whole pixels inside the image (see {@link FaceBox#pixelCrop})
     * @param centred pad both sides of the short side (face crops) or only its end (whole photos)
     */
    static void sample(RgbImage image, FaceBox region, boolean centred, int size, float[] out, int offset) {
        int left = (int) region.x();
        int top = (int) region.y();
        int width = (int) region.width();
        int height = (int) region.height();
        int side = Math.max(width, height);
        int diff = side - Math.min(width, height);
        // padToSquare appends Math.round(diff / 2) and prepends the rest.
        int before = centred ? diff - (int) Math.floor(diff * 0.5 + 0.5) : 0;
        int padLeft = width < height ? before : 0;
        int padTop = height < width ? before : 0;
        float scale = (float) side / size;
        int i = offset;
        for (int y = 0; y < size; y++) {
            float sourceY = scale * y;
            int y0 = (int) Math.floor(sourceY);
            int y1 = Math.min(side - 1, (int) Math.ceil(sourceY));
            float fy = sourceY - y0;
            for (int x = 0; x < size; x++) {
                float sourceX = scale * x;
                int x0 = (int) Math.floor(sourceX);
                int x1 = Math.min(side - 1, (int) Math.ceil(sourceX));
                float fx = sourceX - x0;
                for (int c = 0; c < 3; c++) {
                    float topLeft = padded(image, left, top, width, height, x0 - padLeft, y0 - padTop, c);
                    float topRight = padded(image, left, top, width, height, x1 - padLeft, y0 - padTop, c);
                    float bottomLeft = padded(image, left, top, width, height, x0 - padLeft, y1 - padTop, c);
                    float bottomRight = padded(image, left, top, width, height, x1 - padLeft, y1 - padTop, c);
                    float upper = topLeft + (topRight - topLeft) * fx;
                    float lower = bottomLeft + (bottomRight - bottomLeft) * fx;
                    out[i++] = upper + (lower - upper) * fy;
                }
            }
        }
    }

    private static float padded(RgbImage image, int left, int top, int width, int height, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        return image.value(left + x, top + y, c);
    }
}
