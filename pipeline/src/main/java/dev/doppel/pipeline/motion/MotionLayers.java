package dev.doppel.pipeline.motion;

import java.util.Random;

import dev.doppel.pipeline.nn.InitialWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolutions the motion networks are made of, NCHW with YXIO filters as {@code gan.Layers}
 * (M2.1's conv2d_bp rejects OIYX), each weight created on first use and found by name after, so the
 * keypoint detector run on three frames, and the motion and generator built for training and for
 * animation, hold one set of weights.
 *
 * <p>The reference normalises with batch norm, whose running statistics would make keypoints
 * depend on whether the model is training; these layers have none, and start from He's
 * initialisation, which keeps activations at scale through the ReLUs without it.
 */
final class MotionLayers {

    private final SameDiff sd;
    private final long seed;

    MotionLayers(SameDiff sd, long seed) {
        this.sd = sd;
        this.seed = seed;
    }

    SameDiff sd() {
        return sd;
    }

    /** A stride-1 convolution padded to keep the map's size, He-initialised, then a ReLU. */
    SDVariable convRelu(String name, SDVariable x, int in, int out, int kernel) {
        return sd.nn().relu(conv(name, x, in, out, kernel, Math.sqrt(2.0 / (kernel * kernel * in)), null), 0);
    }

    /**
     * A stride-1 convolution padded to keep the map's size, weights N(0, {@code std}) (0: all zero),
     * biases {@code bias} (null: zero).
     */
    SDVariable conv(String name, SDVariable x, int in, int out, int kernel, double std, float[] bias) {
        SDVariable w = weight(name + "/W", std, kernel, kernel, in, out);
        SDVariable b = sd.hasVariable(name + "/b") ? sd.getVariable(name + "/b")
                : sd.var(name + "/b", bias == null ? Nd4j.zeros(DataType.FLOAT, out) : Nd4j.createFromArray(bias));
        int pad = kernel / 2;
        Conv2DConfig config = Conv2DConfig.builder().kH(kernel).kW(kernel).sH(1).sW(1).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        return sd.cnn().conv2d(x, w, b, config);
    }

    SDVariable averagePool(SDVariable x, int factor) {
        if (factor == 1) {
            return x;
        }
        return sd.cnn().avgPooling2d(x, Pooling2DConfig.builder().kH(factor).kW(factor).sH(factor).sW(factor).isNHWC(false).build());
    }

    SDVariable upsample(SDVariable x) {
        return sd.cnn().upsampling2d(x, 2, 2, true);
    }

    private SDVariable weight(String name, double std, long... shape) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        INDArray values = InitialWeights.normal(new Random(seed * 31 + name.hashCode()), std, shape);
        return sd.var(name, values);
    }
}
