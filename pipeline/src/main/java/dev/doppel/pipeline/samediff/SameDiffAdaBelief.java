package dev.doppel.pipeline.samediff;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaBelief;

/**
 * DeepFaceLab's AdaBelief (core/leras/optimizers/AdaBelief.py), the optimiser SAEHD trains with:
 * m = b1 m + (1 - b1) g, s = b2 s + (1 - b2) (g - m)^2, step lr m / (sqrt(s) + 1e-6), with no bias
 * correction. ND4J's own, as configured, differs on both (it corrects the bias and adds its epsilon
 * to s every step, which at 1e-6 damps every weight whose gradient spread is small), and in
 * 1.0.0-M2.1 its {@link AdaBelief#instantiate(INDArray, boolean)} fails on a flat state view. How
 * the epsilon differs from DFL's: {@link Updater#applyUpdater}.
 * The state is ND4J's two halves, M then S, so SameDiff saves and restores it as any updater's.
 */
public final class SameDiffAdaBelief extends AdaBelief {

    /** For Jackson: SameDiff writes the training config, updater included, into a saved graph. */
    public SameDiffAdaBelief() {
    }

    public SameDiffAdaBelief(double learningRate, double beta1, double beta2) {
        super(learningRate, beta1, beta2, EPSILON);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater updater = new Updater(this);
        INDArray row = viewArray.reshape(1, viewArray.length());
        updater.setStateViewArray(row, new long[] {viewArray.length() / 2}, row.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater updater = new Updater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public SameDiffAdaBelief clone() {
        return new SameDiffAdaBelief(getLearningRate(), getBeta1(), getBeta2());
    }

    /** Negligible, inside the root: where DFL has none. */
    static final double EPSILON = 1e-16;
    /** An iteration at which beta1^t and beta2^t are 0 in float: no bias correction, as DFL. */
    private static final int BIAS_CORRECTION_SPENT = 1 << 30;

    private static final class Updater implements GradientUpdater<AdaBelief> {

        private static final String M = "M";
        private static final String S = "S";

        private final AdaBelief config;
        private INDArray m;
        private INDArray s;

        Updater(AdaBelief config) {
            this.config = config;
        }

        @Override
        public AdaBelief getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            if (!state.containsKey(M) || !state.containsKey(S)) {
                throw new IllegalStateException("AdaBelief's state holds " + M + " and " + S + ", not " + state.keySet());
            }
            m = state.get(M);
            s = state.get(S);
            if (initialize) {
                m.assign(0);
                s.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            Map<String, INDArray> state = new HashMap<>();
            state.put(M, m);
            state.put(S, s);
            return state;
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            long length = viewArray.length();
            m = Shape.newShapeNoCopy(viewArray.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, length / 2)), gradientShape,
                    gradientOrder == 'f');
            s = Shape.newShapeNoCopy(viewArray.get(NDArrayIndex.point(0), NDArrayIndex.interval(length / 2, length)), gradientShape,
                    gradientOrder == 'f');
            if (m == null || s == null) {
                throw new IllegalStateException("cannot view AdaBelief's state in the gradient's shape");
            }
        }

        /**
         * Turns the gradient into the step SameDiff subtracts from the weights, in ND4J's fused op
         * (element-wise ops took 4x as long: 0.55 s a step more at DFL's default size): at this
         * iteration its bias correction is spent (beta^t is 0), and the epsilon it adds to s inside
         * the root is {@link #EPSILON}, so the step is DFL's but for DFL's 1e-6 outside the root,
         * which shows only where a weight's gradient spread is under about 1e-5.
         */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdaBeliefUpdater(gradient.reshape(s.shape()), s, m,
                    config.getLearningRate(iteration, epoch), config.getBeta1(), config.getBeta2(), config.getEpsilon(), BIAS_CORRECTION_SPENT));
        }
    }
}
