package dev.doppel.pipeline.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DistanceTransformTest {

    @Test
    void agreesWithBruteForceOnARandomRegion() {
        int width = 23;
        int height = 17;
        Random random = new Random(3);
        boolean[] region = new boolean[width * height];
        for (int i = 0; i < region.length; i++) {
            region[i] = random.nextDouble() < 0.85;
        }

        float[] squared = DistanceTransform.squared(region, width, height);

        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertThat(squared[y * width + x]).as("(%d, %d)", x, y).isEqualTo(bruteForce(region, width, height, x, y));
            }
        }
    }

    @Test
    void erodesByADiscNotASquare() {
        int side = 41;
        boolean[] region = new boolean[side * side];
        Arrays.fill(region, true);
        region[20 * side + 20] = false;

        boolean[] eroded = DistanceTransform.erode(region, side, side, 5);

        // Around the hole: 5 px straight out and (3, 4) are eaten, the diagonal (4, 4) survives as it would not under a square.
        assertThat(eroded[20 * side + 25]).isFalse();
        assertThat(eroded[20 * side + 26]).isTrue();
        assertThat(eroded[24 * side + 23]).isFalse();
        assertThat(eroded[24 * side + 24]).isTrue();
        // At the rectangle's edge, where the outside begins one pixel beyond it.
        assertThat(eroded[20 * side + 4]).isFalse();
        assertThat(eroded[20 * side + 5]).isTrue();
    }

    private static float bruteForce(boolean[] region, int width, int height, int x, int y) {
        if (!region[y * width + x]) {
            return 0;
        }
        float best = Float.MAX_VALUE;
        for (int v = -1; v <= height; v++) {
            for (int u = -1; u <= width; u++) {
                boolean outside = u < 0 || v < 0 || u >= width || v >= height || !region[v * width + u];
                if (outside) {
                    best = Math.min(best, (u - x) * (u - x) + (v - y) * (v - y));
                }
            }
        }
        return best;
    }
}
