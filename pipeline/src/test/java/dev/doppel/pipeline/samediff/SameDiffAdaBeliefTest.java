package dev.doppel.pipeline.samediff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** The steps are DeepFaceLab's AdaBelief, worked out by hand: no bias correction, its 1e-6 outside the root. */
class SameDiffAdaBeliefTest {

    @Test
    void stepsAsDeepFaceLabsAdaBelief() {
        double lr = 0.01;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double epsilon = 1e-6;
        INDArray state = Nd4j.zeros(4);
        GradientUpdater<?> updater = new SameDiffAdaBelief(lr, beta1, beta2).instantiate(state, true);
        double[][] gradients = {{0.5, -2.0}, {0.25, 1.0}, {0.5, 0.0}};
        double[] m = new double[2];
        double[] s = new double[2];
        for (int t = 0; t < gradients.length; t++) {
            INDArray gradient = Nd4j.createFromArray(gradients[t]).castTo(state.dataType());
            updater.applyUpdater(gradient, t, 0);
            for (int i = 0; i < 2; i++) {
                double g = gradients[t][i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                s[i] = beta2 * s[i] + (1 - beta2) * (g - m[i]) * (g - m[i]);
                double step = lr * m[i] / (Math.sqrt(s[i]) + epsilon);
                assertThat(gradient.getDouble(i)).as("step %d, weight %d", t, i).isCloseTo(step, within(1e-5 * Math.max(1, Math.abs(step))));
            }
        }
        assertThat(state.getDouble(0)).as("the state view holds m first").isCloseTo(m[0], within(1e-6));
        assertThat(state.getDouble(3)).as("then s").isCloseTo(s[1], within(1e-6));
    }
}
