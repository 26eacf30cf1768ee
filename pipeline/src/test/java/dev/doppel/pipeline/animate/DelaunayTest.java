package dev.doppel.pipeline.animate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DelaunayTest {

    @Test
    void theTrianglesTileTheSquareOfAGridWithoutGapsOrOverlaps() {
        double[] xy = new double[2 * 25];
        for (int i = 0; i < 25; i++) {
            xy[2 * i] = i % 5 * 10;
            xy[2 * i + 1] = i / 5 * 10 + (i % 5) * 1e-3;
        }
        int[] triangles = Delaunay.triangulate(xy);
        assertThat(triangles.length / 3).as("2 per cell of a 4 x 4 grid").isEqualTo(32);
        assertThat(totalArea(xy, triangles)).isCloseTo(40 * 40, within(0.5));
    }

    @Test
    void randomPointsAreAllUsedAndNoTrianglesCircleHoldsAnotherPoint() {
        Random random = new Random(5);
        double[] xy = new double[2 * 60];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = random.nextDouble() * 100;
        }
        int[] triangles = Delaunay.triangulate(xy);
        boolean[] used = new boolean[60];
        for (int t : triangles) {
            used[t] = true;
        }
        for (boolean u : used) {
            assertThat(u).isTrue();
        }
        for (int t = 0; t < triangles.length; t += 3) {
            for (int p = 0; p < 60; p++) {
                if (p != triangles[t] && p != triangles[t + 1] && p != triangles[t + 2]) {
                    assertThat(strictlyInside(xy, triangles[t], triangles[t + 1], triangles[t + 2], p)).isFalse();
                }
            }
        }
    }

    @Test
    void aWarpBetweenTheSamePointsCopiesThePixelsAndAShiftedOneMovesThem() {
        int w = 40, h = 30;
        byte[] image = new byte[w * h * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 7 % 251);
        }
        double[] from = {-1, -1, w, -1, -1, h, w, h, 20, 15};
        int[] triangles = Delaunay.triangulate(from);
        byte[] copy = new byte[image.length];
        PiecewiseAffine.warp(image, w, h, from, from, triangles, copy, w, h, 1);
        assertThat(copy).isEqualTo(image);
        double[] to = from.clone();
        for (int i = 0; i < to.length; i += 2) {
            to[i] += 3;
        }
        byte[] shifted = new byte[image.length];
        PiecewiseAffine.warp(image, w, h, from, to, triangles, shifted, w, h, 1);
        assertThat(shifted[(10 * w + 13) * 3]).isEqualTo(image[(10 * w + 10) * 3]);
    }

    private static double totalArea(double[] xy, int[] triangles) {
        double sum = 0;
        for (int t = 0; t < triangles.length; t += 3) {
            int a = triangles[t], b = triangles[t + 1], c = triangles[t + 2];
            sum += Math.abs((xy[2 * b] - xy[2 * a]) * (xy[2 * c + 1] - xy[2 * a + 1]) - (xy[2 * c] - xy[2 * a]) * (xy[2 * b + 1] - xy[2 * a + 1])) / 2;
        }
        return sum;
    }

    private static boolean strictlyInside(double[] xy, int a, int b, int c, int p) {
        double ax = xy[2 * a] - xy[2 * p], ay = xy[2 * a + 1] - xy[2 * p + 1];
        double bx = xy[2 * b] - xy[2 * p], by = xy[2 * b + 1] - xy[2 * p + 1];
        double cx = xy[2 * c] - xy[2 * p], cy = xy[2 * c + 1] - xy[2 * p + 1];
        double det = (ax * ax + ay * ay) * (bx * cy - cx * by) - (bx * bx + by * by) * (ax * cy - cx * ay) + (cx * cx + cy * cy) * (ax * by - bx * ay);
        double orientation = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        return (orientation > 0 ? det : -det) > 1e-6;
    }
}
