package dev.doppel.pipeline.samediff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** The graph's DSSIM (a column then a row of the Gaussian) against the textbook square window, in plain Java. */
class SsimTest {

    private static final int N = 2;
    private static final int SIDE = 20;

    @Test
    void dssimMapEqualsTheSquareWindowWithZeroPadding() {
        float[][] pictures = pictures(1);
        INDArray map = evaluate(pictures, (sd, x, y) -> Ssim.dssim(sd, "dssim", x, y));
        double worst = 0;
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < SIDE; i++) {
                    for (int j = 0; j < SIDE; j++) {
                        double expected = (1 - ssimAt(pictures, n, c, i, j, Ssim.WINDOW, -Ssim.WINDOW / 2)) / 2;
                        worst = Math.max(worst, Math.abs(map.getDouble(n, c, i, j) - expected));
                    }
                }
            }
        }
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void meanDssimEqualsTheSquareWindowWhereItFits() {
        float[][] pictures = pictures(2);
        for (int window : new int[] {5, 6}) {
            double mean = evaluate(pictures, (sd, x, y) -> Ssim.meanDssim(sd, "dssim", x, y, window)).getDouble(0);
            double sum = 0;
            int count = 0;
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i + window <= SIDE; i++) {
                        for (int j = 0; j + window <= SIDE; j++) {
                            sum += ssimAt(pictures, n, c, i, j, window, 0);
                            count++;
                        }
                    }
                }
            }
            assertThat(mean).as("window %d", window).isCloseTo((1 - sum / count) / 2, within(1e-5));
        }
    }

    private interface Loss {
        SDVariable of(SameDiff sd, SDVariable x, SDVariable y);
    }

    private static INDArray evaluate(float[][] pictures, Loss loss) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, N, 3, SIDE, SIDE);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, N, 3, SIDE, SIDE);
        String out = loss.of(sd, x, y).name();
        return sd.output(Map.of("x", Nd4j.create(pictures[0], N, 3, SIDE, SIDE), "y", Nd4j.create(pictures[1], N, 3, SIDE, SIDE)), out).get(out);
    }

    /** SSIM of the window whose top-left tap sits at (i + offset, j + offset), pixels outside the picture 0. */
    private static double ssimAt(float[][] pictures, int n, int c, int i, int j, int window, int offset) {
        double[] g = gaussian(window);
        double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
        for (int u = 0; u < window; u++) {
            for (int v = 0; v < window; v++) {
                int r = i + offset + u;
                int k = j + offset + v;
                if (r < 0 || k < 0 || r >= SIDE || k >= SIDE) {
                    continue;
                }
                double w = g[u] * g[v];
                double a = pictures[0][index(n, c, r, k)];
                double b = pictures[1][index(n, c, r, k)];
                mx += w * a;
                my += w * b;
                xx += w * a * a;
                yy += w * b * b;
                xy += w * a * b;
            }
        }
        double c1 = Ssim.C1;
        double c2 = Ssim.C2;
        return (2 * mx * my + c1) * (2 * (xy - mx * my) + c2) / ((mx * mx + my * my + c1) * (xx - mx * mx + yy - my * my + c2));
    }

    private static double[] gaussian(int size) {
        double[] g = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            double d = i - (size - 1) / 2.0;
            g[i] = Math.exp(-d * d / (2 * Ssim.SIGMA * Ssim.SIGMA));
            total += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= total;
        }
        return g;
    }

    private static int index(int n, int c, int i, int j) {
        return ((n * 3 + c) * SIDE + i) * SIDE + j;
    }

    /** A picture and a noisy copy of it, so SSIM is neither 0 nor 1. */
    private static float[][] pictures(long seed) {
        Random random = new Random(seed);
        float[] x = new float[N * 3 * SIDE * SIDE];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
            y[i] = Math.min(1, Math.max(0, x[i] + (float) random.nextGaussian() * 0.2f));
        }
        return new float[][] {x, y};
    }
}
