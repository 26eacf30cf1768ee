package dev.doppel.pipeline.convert;

/**
 * Squared Euclidean distance from each pixel of a region to the nearest pixel outside it, the
 * world beyond the rectangle counting as outside. Felzenszwalb and Huttenlocher, "Distance
 * Transforms of Sampled Functions" (2012): exact, and linear in the pixels whatever the distance,
 * so eroding by a disc of any radius costs the same.
 */
final class DistanceTransform {

    /** Large enough to exceed any squared distance in a frame, small enough that sums stay finite. */
    private static final float FAR = 1e20f;

    private DistanceTransform() {
    }

    /** The pixels of the region further than radius from its outside: erosion by a disc. */
    static boolean[] erode(boolean[] region, int width, int height, double radius) {
        if (radius <= 0) {
            return region.clone();
        }
        float[] squared = squared(region, width, height);
        boolean[] eroded = new boolean[region.length];
        for (int i = 0; i < region.length; i++) {
            eroded[i] = squared[i] > radius * radius;
        }
        return eroded;
    }

    static float[] squared(boolean[] region, int width, int height) {
        // One pixel of outside all round, so the rectangle's edge needs no case of its own.
        int w = width + 2;
        int h = height + 2;
        float[] d = new float[w * h];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                d[(y + 1) * w + x + 1] = region[y * width + x] ? FAR : 0;
            }
        }
        int n = Math.max(w, h);
        float[] line = new float[n];
        float[] out = new float[n];
        int[] sites = new int[n];
        float[] bounds = new float[n + 1];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = d[y * w + x];
            }
            lowerEnvelope(line, h, out, sites, bounds);
            for (int y = 0; y < h; y++) {
                d[y * w + x] = out[y];
            }
        }
        float[] result = new float[width * height];
        for (int y = 1; y <= height; y++) {
            System.arraycopy(d, y * w, line, 0, w);
            lowerEnvelope(line, w, out, sites, bounds);
            System.arraycopy(out, 1, result, (y - 1) * width, width);
        }
        return result;
    }

    /** The 1-D transform: the lower envelope of the parabolas (q - p)^2 + f(p). */
    private static void lowerEnvelope(float[] f, int n, float[] out, int[] sites, float[] bounds) {
        int k = 0;
        sites[0] = 0;
        bounds[0] = Float.NEGATIVE_INFINITY;
        bounds[1] = Float.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            float s = intersection(f, q, sites[k]);
            while (s <= bounds[k]) {
                k--;
                s = intersection(f, q, sites[k]);
            }
            k++;
            sites[k] = q;
            bounds[k] = s;
            bounds[k + 1] = Float.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (bounds[k + 1] < q) {
                k++;
            }
            int p = sites[k];
            out[q] = (q - p) * (q - p) + f[p];
        }
    }

    private static float intersection(float[] f, int q, int p) {
        return (float) (((double) f[q] + q * q - ((double) f[p] + p * p)) / (2.0 * (q - p)));
    }
}
