package dev.doppel.pipeline.swap;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.doppel.pipeline.nn.InitialWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * DeepFaceLab's UNetPatchDiscriminator (after Schönfeld et al. 2020, arXiv 2002.12655) as SameDiff
 * ops: a 1x1 conv to {@code base} channels, then 3x3 convs (the first at stride 2) whose receptive
 * field is the one nearest the patch size ({@link #layersFor}), channels {@code min(base * 2^i, 512)},
 * LeakyReLU 0.2. Two heads: a "center" logit map at the bottleneck and a per-pixel logit map at full
 * resolution after a decoder with skip connections.
 *
 * <p>One departure: DFL's decoder upsamples with 3x3 transposed convolutions; here a stride-2 level
 * comes back up by nearest-neighbour x2 and a 3x3 convolution (the same shapes and receptive field),
 * which leaves no checkerboard in the map and uses ops whose gradients ND4J has long had.
 *
 * <p>Weights are created on first use as constants named under {@code prefix} and found by name
 * afterwards, so the discriminator applied to real and fake faces holds one set; the caller turns
 * them into trainable variables once the graph is built ({@link #weights}).
 */
final class UNetPatchDiscriminator {

    static final double LEAKY_SLOPE = 0.2;
    static final int MAX_LAYERS = 9;
    static final int MAX_CHANNELS = 512;

    /** One 3x3 layer of the encoder. */
    record Layer(int kernel, int stride) {
    }

    /** What the discriminator says of a batch: N x 1 x h x w logits at the bottleneck, N x 1 x R x R at full size. */
    record Logits(SDVariable center, SDVariable map) {
    }

    private final SameDiff sd;
    private final String prefix;
    private final List<Layer> layers;
    private final int[] channels;
    private final Random random;
    private final List<SDVariable> weights = new ArrayList<>();

    UNetPatchDiscriminator(SameDiff sd, String prefix, int patchSize, int baseChannels, long seed) {
        this.sd = sd;
        this.prefix = prefix;
        this.layers = layersFor(patchSize);
        this.channels = new int[layers.size() + 1];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = Math.min(baseChannels << i, MAX_CHANNELS);
        }
        this.random = new Random(seed);
    }

    /** The encoder DFL's find_archi picks: the fewest layers, then the most striding, with the receptive field nearest the patch. */
    static List<Layer> layersFor(int patchSize) {
        List<Layer> best = null;
        int bestField = 0;
        int bestCount = 0;
        int bestStrides = 0;
        for (int count = 1; count <= MAX_LAYERS; count++) {
            for (int bits = (1 << (count - 1)) - 1; bits >= 0; bits--) {
                List<Layer> candidate = new ArrayList<>();
                candidate.add(new Layer(3, 2));
                int strides = 2;
                for (int i = 0; i < count - 1; i++) {
                    int stride = (bits & (1 << i)) != 0 ? 2 : 1;
                    candidate.add(new Layer(3, stride));
                    strides += stride;
                }
                int field = receptiveField(candidate);
                int distance = Math.abs(field - patchSize);
                int bestDistance = Math.abs(bestField - patchSize);
                boolean better = best == null || distance < bestDistance
                        || (distance == bestDistance && field < bestField)
                        || (field == bestField && (count < bestCount || (count == bestCount && strides > bestStrides)));
                if (better) {
                    best = candidate;
                    bestField = field;
                    bestCount = count;
                    bestStrides = strides;
                }
            }
        }
        return List.copyOf(best);
    }

    static int receptiveField(List<Layer> layers) {
        int field = 0;
        int stride = 1;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            field = i == 0 ? layer.kernel() : field + (layer.kernel() - 1) * stride;
            stride *= layer.stride();
        }
        return field;
    }

    List<Layer> layers() {
        return layers;
    }

    /**
     * @param faces  N x 3 x R x R, already masked
     * @param frozen the generator's loss runs through it and must not move its weights
     */
    Logits apply(SDVariable faces, boolean frozen) {
        SDVariable x = leaky(conv("in", faces, 3, channels[0], 1, 1, frozen));
        List<SDVariable> skips = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            skips.add(0, x);
            x = leaky(conv("down" + i, x, channels[i], channels[i + 1], 3, layers.get(i).stride(), frozen));
        }
        int deepest = channels[layers.size()];
        SDVariable center = conv("center/out", x, deepest, 1, 1, 1, frozen);
        x = leaky(conv("center/conv", x, deepest, deepest, 1, 1, frozen));
        for (int j = 0; j < layers.size(); j++) {
            int level = layers.size() - 1 - j;
            int in = level == layers.size() - 1 ? deepest : channels[level + 1] * 2;
            if (layers.get(level).stride() == 2) {
                x = sd.cnn().upsampling2d(x, 2, 2, true);
            }
            x = leaky(conv("up" + level, x, in, channels[level], 3, 1, frozen));
            x = sd.concat(1, skips.get(j), x);
        }
        return new Logits(center, conv("out", x, channels[0] * 2, 1, 1, 1, frozen));
    }

    /** Every weight and bias it created, to be made trainable. */
    List<SDVariable> weights() {
        return List.copyOf(weights);
    }

    private SDVariable conv(String name, SDVariable x, int in, int out, int kernel, int stride, boolean frozen) {
        // Keras' default (glorot_uniform), which DFL's layers keep.
        SDVariable w = weight(prefix + "/" + name + "/W", Math.sqrt(6.0 / (kernel * kernel * (in + out))), kernel, kernel, in, out);
        SDVariable b = weight(prefix + "/" + name + "/b", 0, out);
        if (frozen) {
            w = new StopGradient(sd, w).outputVariable();
            b = new StopGradient(sd, b).outputVariable();
        }
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(kernel).kW(kernel).sH(stride).sW(stride)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .build();
        return sd.cnn().conv2d(x, w, b, config);
    }

    private SDVariable leaky(SDVariable x) {
        return sd.nn().leakyRelu(x, LEAKY_SLOPE);
    }

    private SDVariable weight(String name, double limit, long... shape) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        SDVariable created = sd.constant(name, InitialWeights.uniform(random, limit, shape));
        weights.add(created);
        return created;
    }
}
