package dev.doppel.pipeline.samediff;

import java.util.Arrays;
import java.util.List;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;

/**
 * Weights carried from one SameDiff graph to another built the same way, by variable name: how a
 * model starts from a base model's learned weights. Only the values move; the receiving graph's
 * optimiser state stays its own, fresh.
 */
public final class SameDiffWeights {

    private SameDiffWeights() {
    }

    /**
     * Copies every trainable variable of {@code to} under {@code part} ({@code part/...}) from the
     * variable of the same name in {@code from}.
     *
     * @return how many variables were copied
     * @throws IllegalArgumentException when {@code from} lacks one of them, or holds it in another shape
     */
    public static int copy(SameDiff from, SameDiff to, String part) {
        List<SDVariable> variables = to.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE && v.name().startsWith(part + "/"))
                .toList();
        for (SDVariable variable : variables) {
            if (!from.hasVariable(variable.name()) || from.getVariable(variable.name()).getVariableType() != VariableType.VARIABLE) {
                throw new IllegalArgumentException("the base model has no weights " + variable.name());
            }
            long[] shape = from.getVariable(variable.name()).getArr().shape();
            if (!Arrays.equals(shape, variable.getArr().shape())) {
                throw new IllegalArgumentException("the base model's " + variable.name() + " is " + Arrays.toString(shape)
                        + ", not " + Arrays.toString(variable.getArr().shape()));
            }
        }
        // Checked first, copied after: a refused base leaves the model as it was.
        for (SDVariable variable : variables) {
            variable.getArr().assign(from.getVariable(variable.name()).getArr());
        }
        return variables.size();
    }
}
