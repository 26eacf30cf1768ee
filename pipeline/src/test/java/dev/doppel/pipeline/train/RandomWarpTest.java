package dev.doppel.pipeline.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.image.PlanarImage;

class RandomWarpTest {

    private static final int SIZE = 64;

    @Test
    void keepsTheBorderAndMovesInteriorPointsBySigma() {
        Random random = new Random(3);
        double sigma = RandomWarp.DEFAULT.sigmaFraction() * SIZE;
        int centre = (SIZE / 2) * SIZE + SIZE / 2;
        double sumSquares = 0;
        int draws = 2000;
        for (int i = 0; i < draws; i++) {
            float[][] field = RandomWarp.DEFAULT.displacements(SIZE, random);
            for (int corner : new int[] {0, SIZE - 1, (SIZE - 1) * SIZE, SIZE * SIZE - 1}) {
                assertThat(field[0][corner]).isZero();
                assertThat(field[1][corner]).isZero();
            }
            // The centre pixel lies (almost) on the middle control point of the 5x5 grid.
            sumSquares += field[0][centre] * field[0][centre] + field[1][centre] * field[1][centre];
        }
        assertThat(Math.sqrt(sumSquares / (2 * draws))).isCloseTo(sigma, within(0.1 * sigma));
    }

    @Test
    void remapsEachPixelFromItsDisplacedPosition() {
        float[] ramp = new float[SIZE * SIZE];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (i % SIZE) / (SIZE - 1f);
        }
        PlanarImage warped = RandomWarp.DEFAULT.apply(new PlanarImage(1, SIZE, ramp), new Random(5));
        float[][] field = RandomWarp.DEFAULT.displacements(SIZE, new Random(5));

        for (int i = 0; i < ramp.length; i++) {
            double x = Math.max(0, Math.min(SIZE - 1, i % SIZE + field[0][i]));
            assertThat(warped.values()[i]).isCloseTo((float) (x / (SIZE - 1)), within(1e-5f));
        }
    }
}
