package dev.doppel.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam as Keras computes it, the form faceswap trains with and ND4J's updater (the SameDiff twin)
 * uses: epsilon added to the uncorrected sqrt(v), where torch.optim.Adam adds it after the
 * correction; the two part where gradients are as small as epsilon, enough to move the losses by
 * 1e-4 within a few steps. Its moments can be saved and loaded.
 *
 * Why not DJL's {@code Optimizer.adam()}: its moments and step counts are private and keyed by
 * parameter ids that DJL draws at random in every process, so a resumed run would restart Adam
 * from zero moments. Here they are keyed by the parameters' stable names and written with the
 * weights. The cost is the same element-wise work DJL's fused update does.
 *
 * Defaults are faceswap's: beta1 0.5, beta2 0.99, epsilon 1e-7 (Keras' default, which faceswap keeps).
 */
final class AdamOptimizer {

    static final float BETA1 = 0.5f;
    static final float BETA2 = 0.99f;
    static final float EPSILON = 1e-7f;

    private final float learningRate;
    private final NDManager manager;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();

    /** Moments are created in {@code manager}, which must outlive the optimiser. */
    AdamOptimizer(float learningRate, NDManager manager) {
        this.learningRate = learningRate;
        this.manager = manager;
    }

    /**
     * Applies step {@code t} (1-based) to every parameter from its accumulated gradient, then zeroes
     * the gradient (PyTorch accumulates across backward passes). Must run outside a gradient collector.
     */
    void step(Map<String, Parameter> parameters, long t) {
        requireFiniteGradients(parameters);
        double correction1 = 1 - Math.pow(BETA1, t);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(BETA2, t));
        // Keras: w -= lr * sqrt(c2) / c1 * m / (sqrt(v) + eps).
        float stepSize = (float) (learningRate * sqrtCorrection2 / correction1);
        float epsilon = EPSILON;
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            NDArray weight = entry.getValue().getArray();
            try (NDArray grad = weight.getGradient()) {
                NDArray m = means.computeIfAbsent(entry.getKey(), k -> zerosLike(weight));
                NDArray v = variances.computeIfAbsent(entry.getKey(), k -> zerosLike(weight));
                try (NDArray scaledGrad = grad.mul(1 - BETA1);
                     NDArray squaredGrad = grad.square().muli(1 - BETA2)) {
                    m.muli(BETA1).addi(scaledGrad);
                    v.muli(BETA2).addi(squaredGrad);
                }
                try (NDArray denominator = v.sqrt().addi(epsilon);
                     NDArray update = m.div(denominator).muli(stepSize)) {
                    weight.subi(update);
                }
                grad.subi(grad);
            }
        }
    }

    /**
     * Refuses a step whose gradients hold NaN or infinity, leaving weights and moments untouched:
     * one such step poisons every weight. A safety net, not a known cause: the NaN steps once blamed
     * on oneDNN's AVX kernels came from the loss's backward pass reading constants that DJL had
     * freed (see ReconstructionLoss).
     */
    private static void requireFiniteGradients(Map<String, Parameter> parameters) {
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            NDArray weight = entry.getValue().getArray();
            float sum;
            try (NDArray grad = weight.getGradient(); NDArray total = grad.sum()) {
                sum = total.getFloat();
            }
            if (!Float.isFinite(sum)) {
                parameters.values().forEach(p -> {
                    try (NDArray grad = p.getArray().getGradient()) {
                        // subi(grad) would keep NaN: NaN - NaN is NaN.
                        grad.set(new NDIndex("..."), 0);
                    }
                });
                throw new IllegalStateException("non-finite gradient for " + entry.getKey() + "; step skipped");
            }
        }
    }

    private NDArray zerosLike(NDArray weight) {
        return manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    }

    /** Writes both moments of every parameter in {@code parameters}' order; zeros where no step ran yet. */
    void save(Map<String, Parameter> parameters, DataOutputStream out) throws IOException {
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            out.writeUTF(entry.getKey());
            NDArray weight = entry.getValue().getArray();
            out.write(means.computeIfAbsent(entry.getKey(), k -> zerosLike(weight)).encode());
            out.write(variances.computeIfAbsent(entry.getKey(), k -> zerosLike(weight)).encode());
        }
    }

    void load(Map<String, Parameter> parameters, DataInputStream in) throws IOException {
        for (String name : parameters.keySet()) {
            String saved = in.readUTF();
            if (!saved.equals(name)) {
                throw new IOException("optimiser state for " + saved + " where " + name + " was expected");
            }
            means.put(name, manager.decode(in));
            variances.put(name, manager.decode(in));
        }
    }
}
