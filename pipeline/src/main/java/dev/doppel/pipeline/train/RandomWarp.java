package dev.doppel.pipeline.train;

import java.util.Random;

import dev.doppel.pipeline.image.PlanarImage;

/**
 * The DeepFakes warp that makes the autoencoder learn faces rather than copy pixels: a 5x5 grid of
 * control points over the face, each moved by Gaussian noise of sigma {@code 5/256} of the side
 * (faceswap's {@code warp_scale} of 5 at 256 px), the displacement interpolated bilinearly between
 * them and the image remapped bilinearly. The border points stay put, as in DeepFaceLab's
 * gen_warp_params, so no pixels are pulled in from outside the crop.
 */
public record RandomWarp(int grid, double sigmaFraction) {

    public static final RandomWarp DEFAULT = new RandomWarp(5, 5.0 / 256);

    public RandomWarp {
        if (grid < 3) {
            throw new IllegalArgumentException("a warp grid needs interior points: at least 3x3");
        }
    }

    /** A warped copy: output pixel (x, y) comes from (x + dx, y + dy) of the input. */
    public PlanarImage apply(PlanarImage image, Random random) {
        float[][] field = displacements(image.size(), random);
        int size = image.size();
        float[] out = new float[image.values().length];
        for (int c = 0; c < image.channels(); c++) {
            for (int i = 0; i < size * size; i++) {
                out[c * size * size + i] = image.sample(c, i % size + field[0][i], i / size + field[1][i]);
            }
        }
        return new PlanarImage(image.channels(), size, out);
    }

    /** The dense displacement field (dx, dy per pixel) of one random draw. */
    float[][] displacements(int size, Random random) {
        double sigma = sigmaFraction * size;
        double[][] jitterX = new double[grid][grid];
        double[][] jitterY = new double[grid][grid];
        for (int gy = 1; gy < grid - 1; gy++) {
            for (int gx = 1; gx < grid - 1; gx++) {
                jitterX[gy][gx] = random.nextGaussian() * sigma;
                jitterY[gy][gx] = random.nextGaussian() * sigma;
            }
        }
        float[][] field = new float[2][size * size];
        double cell = (size - 1.0) / (grid - 1);
        for (int y = 0; y < size; y++) {
            double gyf = y / cell;
            int gy = Math.min((int) gyf, grid - 2);
            double fy = gyf - gy;
            for (int x = 0; x < size; x++) {
                double gxf = x / cell;
                int gx = Math.min((int) gxf, grid - 2);
                double fx = gxf - gx;
                field[0][y * size + x] = (float) bilinear(jitterX, gx, gy, fx, fy);
                field[1][y * size + x] = (float) bilinear(jitterY, gx, gy, fx, fy);
            }
        }
        return field;
    }

    private static double bilinear(double[][] g, int x, int y, double fx, double fy) {
        double top = g[y][x] * (1 - fx) + g[y][x + 1] * fx;
        double bottom = g[y + 1][x] * (1 - fx) + g[y + 1][x + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
