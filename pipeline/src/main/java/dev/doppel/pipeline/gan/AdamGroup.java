package dev.doppel.pipeline.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One Adam optimiser over a group of a graph's variables (the generators, or the
 * discriminators): the group's gradients are laid end to end in one row, so one ND4J updater with
 * one state row (first moments, then second) steps them all, and saving the row saves the optimiser.
 */
public final class AdamGroup {

    /** The reference's Adam: beta1 0.5 (GAN practice since DCGAN), beta2 0.999, PyTorch's epsilon 1e-8. */
    static final double BETA1 = 0.5;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final List<String> variables;
    private final long length;
    private final INDArray state;
    private final Adam config;
    private final GradientUpdater<?> updater;

    /** @param state a saved state row, or null for fresh (zero) moments */
    public AdamGroup(SameDiff sd, List<String> variables, double learningRate, INDArray state) {
        this.variables = List.copyOf(variables);
        long n = 0;
        for (String name : variables) {
            n += sd.getArrForVarName(name).length();
        }
        this.length = n;
        this.config = new Adam(learningRate, BETA1, BETA2, EPSILON);
        long size = config.stateSize(n);
        if (state != null && state.length() != size) {
            throw new IllegalArgumentException("optimiser state of " + state.length() + " values for a group that needs " + size);
        }
        this.state = state == null ? Nd4j.zeros(DataType.FLOAT, 1, size) : state.castTo(DataType.FLOAT).reshape('c', 1, size).dup('c');
        this.updater = config.instantiate(this.state, state == null);
    }

    /** The step size from the next update on: the updater reads its config at every step. */
    public void learningRate(double rate) {
        config.setLearningRate(rate);
    }

    public List<String> variables() {
        return variables;
    }

    /**
     * Applies one update: every variable of the group moves by Adam's step for its gradient, in
     * place, so the graph's next run sees it. {@code iteration} counts from 0 (Adam's bias correction).
     */
    public void step(SameDiff sd, Map<String, INDArray> gradients, long iteration) {
        List<INDArray> ordered = new ArrayList<>(variables.size());
        for (String name : variables) {
            INDArray gradient = gradients.get(name);
            if (gradient == null) {
                throw new IllegalStateException("no gradient for " + name);
            }
            ordered.add(gradient);
        }
        INDArray update = Nd4j.toFlattened('c', ordered).reshape('c', 1, length);
        updater.applyUpdater(update, Math.toIntExact(iteration), 0);
        long offset = 0;
        for (String name : variables) {
            INDArray parameter = sd.getArrForVarName(name);
            long n = parameter.length();
            parameter.subi(update.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n)).reshape('c', parameter.shape()));
            offset += n;
        }
    }

    /** The moments, as one row: what save writes and the constructor takes back. */
    public INDArray state() {
        return state;
    }
}
