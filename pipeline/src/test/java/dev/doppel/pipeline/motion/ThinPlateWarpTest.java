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

/** The warp the graph applies to keypoints is the one the frames were resampled with, and its Jacobian is its derivative. */
class ThinPlateWarpTest {

    private static final int POINTS = 6;

    @Test
    void theGraphsWarpAndJacobianMatchTheFramesWarpAndItsFiniteDifferences() {
        ThinPlateWarp warp = ThinPlateWarp.random(1, new Random(11));
        // Stronger than a training step's, so the spline term is far from negligible.
        float[] weights = warp.weights().clone();
        for (int i = 0; i < weights.length; i++) {
            weights[i] *= 20;
        }
        ThinPlateWarp strong = new ThinPlateWarp(1, warp.affine(), weights);
        Random random = new Random(3);
        float[] x = new float[POINTS];
        float[] y = new float[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = (float) (random.nextDouble() * 1.6 - 0.8);
            y[i] = (float) (random.nextDouble() * 1.6 - 0.8);
        }

        SameDiff sd = SameDiff.create();
        SDVariable affine = sd.placeHolder("affine", DataType.FLOAT, -1, 6);
        SDVariable spline = sd.placeHolder("weights", DataType.FLOAT, -1, ThinPlateWarp.CONTROLS);
        SDVariable px = sd.placeHolder("x", DataType.FLOAT, -1, POINTS, 1);
        SDVariable py = sd.placeHolder("y", DataType.FLOAT, -1, POINTS, 1);
        SDVariable[] moved = ThinPlateWarp.warp(sd, affine, spline, px, py);
        moved[0].rename("mx");
        moved[1].rename("my");
        Matrix2x2 j = ThinPlateWarp.jacobian(sd, affine, spline, px, py);
        j.a().rename("ja");
        j.b().rename("jb");
        j.c().rename("jc");
        j.d().rename("jd");
        Map<String, INDArray> out = sd.output(Map.of("affine", Nd4j.create(strong.affine(), new long[] {1, 6}, 'c'),
                "weights", Nd4j.create(strong.weights(), new long[] {1, ThinPlateWarp.CONTROLS}, 'c'),
                "x", Nd4j.create(x, new long[] {1, POINTS, 1}, 'c'), "y", Nd4j.create(y, new long[] {1, POINTS, 1}, 'c')),
                "mx", "my", "ja", "jb", "jc", "jd");

        double h = 1e-4;
        for (int i = 0; i < POINTS; i++) {
            double[] at = strong.warp(0, x[i], y[i]);
            assertThat(out.get("mx").getDouble(0, i, 0)).isCloseTo(at[0], within(1e-5));
            assertThat(out.get("my").getDouble(0, i, 0)).isCloseTo(at[1], within(1e-5));
            double[] right = strong.warp(0, x[i] + h, y[i]);
            double[] left = strong.warp(0, x[i] - h, y[i]);
            double[] down = strong.warp(0, x[i], y[i] + h);
            double[] up = strong.warp(0, x[i], y[i] - h);
            assertThat(out.get("ja").getDouble(0, i, 0)).as("dx'/dx").isCloseTo((right[0] - left[0]) / (2 * h), within(1e-3));
            assertThat(out.get("jb").getDouble(0, i, 0)).as("dx'/dy").isCloseTo((down[0] - up[0]) / (2 * h), within(1e-3));
            assertThat(out.get("jc").getDouble(0, i, 0)).as("dy'/dx").isCloseTo((right[1] - left[1]) / (2 * h), within(1e-3));
            assertThat(out.get("jd").getDouble(0, i, 0)).as("dy'/dy").isCloseTo((down[1] - up[1]) / (2 * h), within(1e-3));
        }
    }
}
