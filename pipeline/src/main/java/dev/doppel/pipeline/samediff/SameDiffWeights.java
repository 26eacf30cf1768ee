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

    /** Every trainable weight of the graph, counted. */
    public static long count(SameDiff sd) {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).mapToLong(v -> v.getArr().length()).sum();
    }

    /**
     * A fresh model's start from a base built the same way ({@link dev.doppel.pipeline.family.FineTunable}):
     * every trainable variable of {@code to} under each of {@code parts} ({@code part/...}) takes the
     * value of the variable of the same name in {@code from}.
     *
     * @param iteration   the steps {@code to} has taken: only a fresh model starts from a base
     * @param differences how the base is built otherwise, in words; any refuses it
     * @return {@code parts}
     * @throws IllegalArgumentException when the base differs, lacks a weight or holds one in another shape; nothing is copied then
     */
    public static List<String> startFrom(long iteration, List<String> differences, SameDiff from, SameDiff to, List<String> parts) {
        if (iteration != 0) {
            throw new IllegalStateException("this model has trained " + iteration + " steps: only a fresh model starts from a base");
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the base model is built differently: " + String.join(", ", differences));
        }
        List<SDVariable> variables = to.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE && parts.stream().anyMatch(part -> v.name().startsWith(part + "/")))
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
        return parts;
    }
}
