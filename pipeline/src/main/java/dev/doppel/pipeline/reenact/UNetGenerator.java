package dev.doppel.pipeline.reenact;

import java.util.ArrayList;
import java.util.List;

import dev.doppel.pipeline.gan.Layers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * pix2pix's U-Net generator (UnetGenerator of junyanz/pytorch-CycleGAN-and-pix2pix): 4x4 stride-2
 * convs halve the sketch down to 1 x 1 (64, 128, 256, 512, then 512 on to the bottom, times the width
 * scale), and each way back up is joined to the layer of its size on the way down, so lines the
 * sketch puts somewhere come out exactly there. LeakyReLU(0.2) going down, ReLU coming up,
 * InstanceNorm (what the reference's BatchNorm is at its batch of one) except at both ends, tanh out.
 *
 * <p>Dropout 0.5 on the 512-wide layers next to the bottom, as the reference, with its masks fed in
 * as placeholders: the model draws them from its own seeded generator, so a resumed run drops
 * exactly what an uninterrupted one would. Drawing feeds masks of one (dropout off): the reference
 * keeps it on as noise, which in a video is flicker.
 *
 * <p>Upsampling is nearest x2 then a 3x3 conv, not ConvTranspose2d(4, 2), for the reasons
 * {@code cyclegan.ResnetGenerator} gives.
 */
final class UNetGenerator {

    static final String NAME = "G";
    static final double DROPOUT = 0.5;

    /** A dropout layer's mask placeholder and its shape per face. */
    record DropoutMask(String placeholder, int channels, int side) {
    }

    private final Layers layers;
    private final String name;
    private final int resolution;
    private final int depth;
    private final int width;
    private final List<DropoutMask> masks = new ArrayList<>();
    private SDVariable features;
    private boolean featuresOnly;

    /** The U-Net named {@code name} for sketches of {@code resolution} px. */
    UNetGenerator(Layers layers, Pix2PixOptions options, String name, int resolution) {
        this.layers = layers;
        this.name = name;
        this.resolution = resolution;
        this.depth = Integer.numberOfTrailingZeros(resolution);
        this.width = options.generatorWidth();
    }

    /** Sketches in [-1, 1] (N x 3 x R x R) to faces in [-1, 1]. */
    SDVariable apply(SDVariable sketches) {
        return level(sketches, 0, 3);
    }

    /**
     * The U-Net without its output layer: 2 x width channels at the full resolution, the coarse
     * picture pix2pixHD's local enhancer refines. Use either this or {@link #apply}.
     */
    SDVariable features(SDVariable sketches) {
        featuresOnly = true;
        level(sketches, 0, 3);
        return features;
    }

    int featureChannels() {
        return 2 * width;
    }

    /** The dropout layers {@link #apply} made, in order. */
    List<DropoutMask> dropoutMasks() {
        return List.copyOf(masks);
    }

    private SDVariable level(SDVariable x, int level, int outer) {
        int inner = channels(level);
        boolean outermost = level == 0;
        boolean innermost = level == depth - 1;
        SDVariable down = layers.conv(name + "/down" + level, outermost ? x : leaky(x), outer, inner, 4, 2, 1, false);
        if (!outermost && !innermost) {
            down = layers.instanceNorm(down);
        }
        SDVariable below = innermost ? down : level(down, level + 1, inner);
        int belowChannels = innermost ? inner : 2 * inner;
        SDVariable upsampled = layers.upsample(layers.sd().nn().relu(below, 0));
        if (outermost) {
            features = upsampled;
            if (featuresOnly) {
                return null;
            }
        }
        SDVariable up = layers.conv(name + "/up" + level, upsampled, belowChannels, outermost ? 3 : outer, 3, 1, 1, false);
        if (outermost) {
            return layers.sd().math().tanh(up);
        }
        up = layers.instanceNorm(up);
        if (level >= 4 && !innermost) {
            DropoutMask mask = new DropoutMask(name.replace('/', '_') + "_dropout" + level, outer, resolution >> level);
            masks.add(mask);
            up = up.mul(layers.sd().placeHolder(mask.placeholder(), DataType.FLOAT, -1, mask.channels(), mask.side(), mask.side()));
        }
        return layers.sd().concat(1, x, up);
    }

    /** ngf x 1, 2, 4, then 8 from the fourth halving on. */
    private int channels(int level) {
        return width * Math.min(1 << level, 8);
    }

    private SDVariable leaky(SDVariable x) {
        return layers.sd().nn().leakyRelu(x, 0.2);
    }
}
