package dev.doppel.pipeline.gan;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The 70x70 PatchGAN of junyanz/pytorch-CycleGAN-and-pix2pix (NLayerDiscriminator, n_layers 3):
 * 4x4 convs of width (no norm), 2x, 4x at stride 2, 8x at stride 1, then a 1-channel 4x4 conv;
 * zero padding 1, InstanceNorm and LeakyReLU(0.2) between. Each output pixel judges one 70x70 patch
 * (6x6 of them at 64 px). CycleGAN shows it a face (3 channels); pix2pix a face beside the drawing
 * it was made from (6).
 */
public final class PatchDiscriminator {

    public static final double LEAKY_SLOPE = 0.2;
    /** Convolutions before the patch scores: what pix2pixHD's feature matching compares. */
    public static final int FEATURE_LAYERS = 4;

    private final Layers layers;
    private final int width;
    private final int inputChannels;

    public PatchDiscriminator(Layers layers, int width, int inputChannels) {
        this.layers = layers;
        this.width = width;
        this.inputChannels = inputChannels;
    }

    /**
     * Images in [-1, 1] to one score per patch. {@code frozen}: a generator's adversarial loss runs
     * through it, and must not train it (the reference sets requires_grad False for that step).
     */
    public SDVariable apply(String name, SDVariable images, boolean frozen) {
        List<SDVariable> layersOut = features(name, images, frozen);
        return layersOut.get(layersOut.size() - 1);
    }

    /** Every layer's activation, the {@link #FEATURE_LAYERS} intermediate ones and then the patch scores. */
    public List<SDVariable> features(String name, SDVariable images, boolean frozen) {
        List<SDVariable> out = new ArrayList<>();
        SDVariable x = leaky(layers.conv(name + "/conv0", images, inputChannels, width, 4, 2, 1, frozen));
        out.add(x);
        x = leaky(layers.instanceNorm(layers.conv(name + "/conv1", x, width, 2 * width, 4, 2, 1, frozen)));
        out.add(x);
        x = leaky(layers.instanceNorm(layers.conv(name + "/conv2", x, 2 * width, 4 * width, 4, 2, 1, frozen)));
        out.add(x);
        x = leaky(layers.instanceNorm(layers.conv(name + "/conv3", x, 4 * width, 8 * width, 4, 1, 1, frozen)));
        out.add(x);
        out.add(layers.conv(name + "/patch", x, 8 * width, 1, 4, 1, 1, frozen));
        return out;
    }

    /** The smallest side it scores: below this the stride-1 layers have no patch left to judge. */
    public static int minimumSide() {
        return 32;
    }

    private SDVariable leaky(SDVariable x) {
        return layers.sd().nn().leakyRelu(x, LEAKY_SLOPE);
    }
}
