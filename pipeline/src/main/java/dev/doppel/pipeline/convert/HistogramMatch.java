package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.image.Levels;

/**
 * Per-channel histogram matching: each level of the swapped face goes to the original's level at
 * the same quantile of the masked (weighted) pixels, as faceswap's match-hist does with np.interp.
 */
final class HistogramMatch {

    private HistogramMatch() {
    }

    static int[] apply(CropPixels crop) {
        int[][] table = new int[3][];
        for (int c = 0; c < 3; c++) {
            table[c] = table(histogram(crop.swapped(), crop.weight(), c), histogram(crop.original(), crop.weight(), c));
        }
        int[] out = new int[crop.swapped().length];
        for (int i = 0; i < out.length; i++) {
            int p = crop.swapped()[i];
            out[i] = table[0][Levels.channel(p, 0)] << 16 | table[1][Levels.channel(p, 1)] << 8
                    | table[2][Levels.channel(p, 2)];
        }
        return out;
    }

    static double[] histogram(int[] pixels, float[] weight, int c) {
        double[] histogram = new double[256];
        for (int i = 0; i < pixels.length; i++) {
            histogram[Levels.channel(pixels[i], c)] += weight[i];
        }
        return histogram;
    }

    /**
     * Each level is placed at the middle of its bin on the cumulative scale, so that matching a
     * histogram to itself maps every level to itself; levels between the target's occupied ones
     * are interpolated.
     */
    static int[] table(double[] from, double[] to) {
        double[] levels = new double[256];
        double[] quantiles = new double[256];
        int occupied = 0;
        double toTotal = total(to);
        double below = 0;
        for (int u = 0; u < 256; u++) {
            if (to[u] > 0) {
                levels[occupied] = u;
                quantiles[occupied++] = (below + to[u] / 2) / toTotal;
                below += to[u];
            }
        }
        double fromTotal = total(from);
        int[] table = new int[256];
        below = 0;
        int k = 0;
        for (int v = 0; v < 256; v++) {
            double q = (below + from[v] / 2) / fromTotal;
            below += from[v];
            while (k < occupied - 1 && quantiles[k + 1] < q) {
                k++;
            }
            table[v] = Levels.level(interpolate(q, k, occupied, levels, quantiles));
        }
        return table;
    }

    private static double interpolate(double q, int k, int occupied, double[] levels, double[] quantiles) {
        if (q <= quantiles[0]) {
            return levels[0];
        }
        if (k >= occupied - 1) {
            return levels[occupied - 1];
        }
        double t = (q - quantiles[k]) / (quantiles[k + 1] - quantiles[k]);
        return levels[k] + t * (levels[k + 1] - levels[k]);
    }

    private static double total(double[] histogram) {
        double total = 0;
        for (double h : histogram) {
            total += h;
        }
        return total;
    }
}
