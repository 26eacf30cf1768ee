package dev.doppel.pipeline.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BilinearSamplerTest {

    private static final int BATCH = 2;
    private static final int CHANNELS = 3;
    private static final int SIDE = 5;
    private static final int OUT = 3;
    private static final int POINTS = OUT * OUT;

    @Test
    void interpolatesBetweenTheFourNearestPixelsAndIsZeroOutside() {
        float[] image = {0, 1, 2, 3};
        // -1 and 1 are the edge pixels' centres; 0 is between all four; 4 is one and a half pixels beyond the edge.
        float[] sampled = BilinearSampler.sample(image, 1, 2, new double[] {-1, 1, 0, 0, 4}, new double[] {-1, 1, 0, -1, 0});
        assertThat(sampled).containsExactly(new float[] {0, 3, 1.5f, 0.5f, 0}, within(1e-6f));
    }

    @Test
    void theGraphSamplesAsPlainJavaDoes() {
        Case c = new Case(7);
        SameDiff sd = SameDiff.create();
        SDVariable out = c.graph(sd);
        float[] graph = out.eval().castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int b = 0; b < BATCH; b++) {
            float[] expected = c.java(b);
            float[] actual = new float[CHANNELS * POINTS];
            System.arraycopy(graph, b * CHANNELS * POINTS, actual, 0, actual.length);
            assertThat(actual).containsExactly(expected, within(1e-5f));
        }
    }

    @Test
    void itsGradientsToCoordinatesAndFeaturesMatchFiniteDifferences() {
        Case c = new Case(11);
        SameDiff sd = SameDiff.create();
        SDVariable loss = sd.sum(c.graph(sd).mul(sd.constant(Nd4j.create(c.probe, new long[] {BATCH, CHANNELS, OUT, OUT}, 'c'))));
        sd.setLossVariables(loss);
        Map<String, INDArray> gradients = sd.calculateGradients(Map.of(), "x", "y", "features");
        double h = 1e-4;
        for (int b = 0; b < BATCH; b++) {
            for (int p = 0; p < POINTS; p++) {
                int at = b * POINTS + p;
                double[] x = c.x.clone();
                x[at] += h;
                double dx = (c.loss(x, c.y, c.features) - c.loss(c.x, c.y, c.features)) / h;
                double[] y = c.y.clone();
                y[at] += h;
                double dy = (c.loss(c.x, y, c.features) - c.loss(c.x, c.y, c.features)) / h;
                assertThat(gradients.get("x").getDouble(b, p)).as("d/dx at %d", at).isCloseTo(dx, within(1e-2 * (1 + Math.abs(dx))));
                assertThat(gradients.get("y").getDouble(b, p)).as("d/dy at %d", at).isCloseTo(dy, within(1e-2 * (1 + Math.abs(dy))));
            }
        }
        for (int i = 0; i < c.features.length; i += 7) {
            float[] features = c.features.clone();
            features[i] += (float) h;
            double df = (c.loss(c.x, c.y, features) - c.loss(c.x, c.y, c.features)) / h;
            assertThat(gradients.get("features").data().getDouble(i)).as("d/dF at %d", i).isCloseTo(df, within(1e-2 * (1 + Math.abs(df))));
        }
    }

    /** Random features, probe weights and coordinates, some outside [-1, 1], none on a pixel boundary. */
    private static final class Case {
        final float[] features = new float[BATCH * CHANNELS * SIDE * SIDE];
        final double[] x = new double[BATCH * POINTS];
        final double[] y = new double[BATCH * POINTS];
        final float[] probe = new float[BATCH * CHANNELS * POINTS];

        Case(long seed) {
            Random random = new Random(seed);
            for (int i = 0; i < features.length; i++) {
                features[i] = random.nextFloat();
            }
            for (int i = 0; i < probe.length; i++) {
                probe[i] = random.nextFloat() * 2 - 1;
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = offGrid(random);
                y[i] = offGrid(random);
            }
        }

        private static double offGrid(Random random) {
            double pixel = Math.floor(random.nextDouble() * (SIDE + 1)) - 1 + 0.1 + 0.8 * random.nextDouble();
            return pixel * 2 / (SIDE - 1) - 1;
        }

        SDVariable graph(SameDiff sd) {
            SDVariable f = sd.var("features", Nd4j.create(features, new long[] {BATCH, CHANNELS, SIDE, SIDE}, 'c'));
            SDVariable xs = sd.var("x", Nd4j.createFromArray(x).castTo(DataType.FLOAT).reshape(BATCH, POINTS));
            SDVariable ys = sd.var("y", Nd4j.createFromArray(y).castTo(DataType.FLOAT).reshape(BATCH, POINTS));
            return BilinearSampler.sample(sd, f, CHANNELS, SIDE, xs, ys, OUT);
        }

        float[] java(int b) {
            return java(b, x, y, features);
        }

        static float[] java(int b, double[] x, double[] y, float[] features) {
            float[] image = new float[CHANNELS * SIDE * SIDE];
            System.arraycopy(features, b * image.length, image, 0, image.length);
            double[] bx = new double[POINTS];
            double[] by = new double[POINTS];
            System.arraycopy(x, b * POINTS, bx, 0, POINTS);
            System.arraycopy(y, b * POINTS, by, 0, POINTS);
            return BilinearSampler.sample(image, CHANNELS, SIDE, bx, by);
        }

        double loss(double[] x, double[] y, float[] features) {
            double sum = 0;
            for (int b = 0; b < BATCH; b++) {
                float[] out = java(b, x, y, features);
                for (int i = 0; i < out.length; i++) {
                    sum += out[i] * (double) probe[b * out.length + i];
                }
            }
            return sum;
        }
    }
}
