package dev.doppel.pipeline.samediff;

import java.util.Random;

import dev.doppel.pipeline.nn.InitialWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * Layers of a SameDiff graph whose weights are created on first use and found by name afterwards,
 * so one network (an encoder, a decoder) applies to several inputs of one graph, the training batch
 * and the inference faces, with one set of weights and one optimiser state. Filters are ND4J's
 * default YXIO ([kH, kW, in, out]): in M2.1, conv2d_bp ignores an OIYX weightsFormat. Convolutions
 * pad "same" the TensorFlow way (the odd pixel bottom and right), as faceswap's and DFL's models.
 */
public final class NamedLayers {

    private final SameDiff sd;
    private final Random random;

    /** @param seed the initial weights' seed, so every run starts from the same weights */
    public NamedLayers(SameDiff sd, long seed) {
        this.sd = sd;
        this.random = new Random(seed);
    }

    /** Keras' glorot_uniform limit, for a layer of that many inputs and outputs per weight's receptive field. */
    public static double glorot(long fanIn, long fanOut) {
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /** Keras' he_uniform limit. */
    public static double heUniform(long fanIn) {
        return Math.sqrt(6.0 / fanIn);
    }

    /** A {@code kernel} x {@code kernel} convolution with bias, its weights uniform in (-limit, limit). */
    public SDVariable conv(String name, SDVariable x, int in, int out, int kernel, int stride, double limit) {
        SDVariable w = variable(name + "/W", limit, kernel, kernel, in, out);
        SDVariable b = variable(name + "/b", 0, out);
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(kernel).kW(kernel).sH(stride).sW(stride)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .build();
        return sd.cnn().conv2d(x, w, b, config);
    }

    /** A dense layer with bias on N x {@code in} rows, glorot-uniform as Keras' Dense. */
    public SDVariable dense(String name, SDVariable x, long in, long out) {
        SDVariable w = variable(name + "/W", glorot(in, out), in, out);
        return x.mmul(w).add(variable(name + "/b", 0, out));
    }

    /** The variable of that name, or a new one uniform in (-limit, limit). */
    public SDVariable variable(String name, double limit, long... shape) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        return sd.var(name, InitialWeights.uniform(random, limit, shape));
    }
}
