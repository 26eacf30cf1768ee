package dev.doppel.pipeline.animate;

/**
 * A piecewise-affine warp: every triangle of the destination points takes its pixels from the same
 * triangle of the source points through that pair's affine map, sampled bilinearly. Pixels outside
 * every triangle are left as they are, which is how the background stays still.
 */
final class PiecewiseAffine {

    private PiecewiseAffine() {
    }

    /**
     * @param source    interleaved RGB of {@code sourceWidth} x {@code sourceHeight}
     * @param from      source points (x, y, ...)
     * @param to        destination points, the same count
     * @param triangles index triples into both
     * @param out       interleaved RGB of {@code width} x {@code height}, written inside the triangles
     * @param alpha     how much of the warped pixel replaces {@code out}'s, 0 to 1
     */
    static void warp(byte[] source, int sourceWidth, int sourceHeight, double[] from, double[] to, int[] triangles, byte[] out,
            int width, int height, double alpha) {
        for (int t = 0; t < triangles.length; t += 3) {
            int a = triangles[t], b = triangles[t + 1], c = triangles[t + 2];
            double x0 = to[2 * a], y0 = to[2 * a + 1], x1 = to[2 * b], y1 = to[2 * b + 1], x2 = to[2 * c], y2 = to[2 * c + 1];
            double det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
            if (Math.abs(det) < 1e-9) {
                continue;
            }
            int left = Math.max(0, (int) Math.floor(Math.min(x0, Math.min(x1, x2))));
            int right = Math.min(width - 1, (int) Math.ceil(Math.max(x0, Math.max(x1, x2))));
            int top = Math.max(0, (int) Math.floor(Math.min(y0, Math.min(y1, y2))));
            int bottom = Math.min(height - 1, (int) Math.ceil(Math.max(y0, Math.max(y1, y2))));
            double sx0 = from[2 * a], sy0 = from[2 * a + 1];
            double sx1 = from[2 * b] - sx0, sy1 = from[2 * b + 1] - sy0;
            double sx2 = from[2 * c] - sx0, sy2 = from[2 * c + 1] - sy0;
            for (int y = top; y <= bottom; y++) {
                for (int x = left; x <= right; x++) {
                    // Barycentric coordinates of the pixel in the destination triangle; a hair of slack closes seams between neighbours.
                    double u = ((x - x0) * (y2 - y0) - (x2 - x0) * (y - y0)) / det;
                    double v = ((x1 - x0) * (y - y0) - (x - x0) * (y1 - y0)) / det;
                    if (u < -1e-6 || v < -1e-6 || u + v > 1 + 1e-6) {
                        continue;
                    }
                    sample(source, sourceWidth, sourceHeight, sx0 + u * sx1 + v * sx2, sy0 + u * sy1 + v * sy2, out,
                            (y * width + x) * 3, alpha);
                }
            }
        }
    }

    private static void sample(byte[] source, int width, int height, double x, double y, byte[] out, int at, double alpha) {
        x = Math.max(0, Math.min(width - 1, x));
        y = Math.max(0, Math.min(height - 1, y));
        int x0 = (int) x, y0 = (int) y;
        int x1 = Math.min(width - 1, x0 + 1), y1 = Math.min(height - 1, y0 + 1);
        double fx = x - x0, fy = y - y0;
        for (int c = 0; c < 3; c++) {
            double top = (source[(y0 * width + x0) * 3 + c] & 0xff) * (1 - fx) + (source[(y0 * width + x1) * 3 + c] & 0xff) * fx;
            double bottom = (source[(y1 * width + x0) * 3 + c] & 0xff) * (1 - fx) + (source[(y1 * width + x1) * 3 + c] & 0xff) * fx;
            double value = top * (1 - fy) + bottom * fy;
            if (alpha < 1) {
                value = value * alpha + (out[at + c] & 0xff) * (1 - alpha);
            }
            out[at + c] = (byte) Math.round(value);
        }
    }
}
