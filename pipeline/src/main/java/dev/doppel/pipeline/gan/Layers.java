package dev.doppel.pipeline.gan;

import java.util.Random;

import dev.doppel.pipeline.nn.InitialWeights;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * The pieces Doppel's GANs (CycleGAN, pix2pix) are made of, as SameDiff ops on NCHW tensors. Filters are
 * ND4J's default YXIO ([kH, kW, in, out]), as in {@code swap.OriginalNetwork}: M2.1's conv2d_bp
 * rejects OIYX. Each weight is created on first use and found by name afterwards, so a network
 * applied several times in the graph (CycleGAN's translate, cycle back and identity; a
 * discriminator on real and on fake) holds one set of weights.
 */
public final class Layers {

    /** The reference's init_type "normal", gain 0.02: every conv weight N(0, 0.02), biases 0. */
    public static final double INIT_STD = 0.02;
    /** PyTorch's InstanceNorm2d default. */
    static final double NORM_EPSILON = 1e-5;

    private final SameDiff sd;
    private final long seed;

    public Layers(SameDiff sd, long seed) {
        this.sd = sd;
        this.seed = seed;
    }

    public SameDiff sd() {
        return sd;
    }

    /**
     * A convolution with {@code pad} zero pixels on every side (0: none, for layers whose input was
     * reflection-padded already). {@code frozen} passes the weights through a stop-gradient, so a
     * loss computed through this layer moves nothing of it (the discriminators inside the
     * generators' loss).
     */
    public SDVariable conv(String name, SDVariable x, int in, int out, int kernel, int stride, int pad, boolean frozen) {
        SDVariable w = weight(name + "/W", kernel, kernel, in, out);
        SDVariable b = weight(name + "/b", out);
        if (frozen) {
            w = new StopGradient(sd, w).outputVariable();
            b = new StopGradient(sd, b).outputVariable();
        }
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(kernel).kW(kernel).sH(stride).sW(stride).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID)
                .dataFormat("NCHW")
                .build();
        return sd.cnn().conv2d(x, w, b, config);
    }

    /**
     * InstanceNorm2d(affine=False): each image's channel to zero mean and unit variance over H and W
     * (biased variance, as PyTorch). SameDiff has no instance-norm op, so it is written out, and
     * autodiff derives its gradient.
     */
    public SDVariable instanceNorm(SDVariable x) {
        SDVariable centred = x.sub(sd.mean(x, true, 2, 3));
        SDVariable variance = sd.mean(sd.math().square(centred), true, 2, 3);
        return centred.mul(sd.math().rsqrt(variance.add(NORM_EPSILON)));
    }

    /**
     * ReflectionPad2d: {@code pad} pixels mirrored about the edge pixel on every side of a
     * {@code side} x {@code side} map. Built from one-pixel slices and a concat, whose gradients
     * ND4J has; its pad op's REFLECT gradient only slices the centre (mirrored pixels' gradient is lost).
     */
    public SDVariable reflectionPad(SDVariable x, int pad, int side) {
        if (pad >= side) {
            throw new IllegalArgumentException("cannot reflect " + pad + " px of a " + side + " px map");
        }
        return reflect(reflect(x, 2, pad, side), 3, pad, side);
    }

    private SDVariable reflect(SDVariable x, int axis, int pad, int side) {
        SDVariable[] parts = new SDVariable[2 * pad + 1];
        for (int i = 0; i < pad; i++) {
            parts[i] = line(x, axis, pad - i);
            parts[pad + 1 + i] = line(x, axis, side - 2 - i);
        }
        parts[pad] = x;
        return sd.concat(axis, parts);
    }

    private static SDVariable line(SDVariable x, int axis, long index) {
        SDIndex[] at = {SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.all()};
        at[axis] = SDIndex.interval(index, index + 1);
        return x.get(at);
    }

    /** Nearest-neighbour x2, the upsampling half of the generator's up-convolutions. */
    public SDVariable upsample(SDVariable x) {
        return sd.cnn().upsampling2d(x, 2, 2, true);
    }

    /**
     * A weight (rank 4) or bias (rank 1) by name, created on first use: weights N(0, INIT_STD) from a
     * generator seeded by the model's seed and the weight's name, so each starts the same whatever
     * order the graph is built in.
     */
    private SDVariable weight(String name, long... shape) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        return sd.var(name, InitialWeights.normal(new Random(seed * 31 + name.hashCode()), shape.length > 1 ? INIT_STD : 0, shape));
    }
}
