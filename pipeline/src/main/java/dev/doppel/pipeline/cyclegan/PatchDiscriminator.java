package dev.doppel.pipeline.cyclegan;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The reference's 70x70 PatchGAN (NLayerDiscriminator, n_layers 3): 4x4 convs 64 (no norm), 128,
 * 256 at stride 2, 512 at stride 1, then a 1-channel 4x4 conv; zero padding 1, InstanceNorm and
 * LeakyReLU(0.2) between. Each output pixel judges one 70x70 patch of the face (6x6 of them at 64 px).
 */
final class PatchDiscriminator {

    static final double LEAKY_SLOPE = 0.2;

    private final Layers layers;
    private final int width;

    PatchDiscriminator(Layers layers, CycleGanOptions options) {
        this.layers = layers;
        this.width = options.discriminatorWidth();
    }

    /**
     * Faces in [-1, 1] to one score per patch. {@code frozen}: the generators' adversarial loss runs
     * through it, and must not train it (the reference sets requires_grad False for that step).
     */
    SDVariable apply(String name, SDVariable faces, boolean frozen) {
        SDVariable x = leaky(layers.conv(name + "/conv0", faces, 3, width, 4, 2, 1, frozen));
        x = leaky(layers.instanceNorm(layers.conv(name + "/conv1", x, width, 2 * width, 4, 2, 1, frozen)));
        x = leaky(layers.instanceNorm(layers.conv(name + "/conv2", x, 2 * width, 4 * width, 4, 2, 1, frozen)));
        x = leaky(layers.instanceNorm(layers.conv(name + "/conv3", x, 4 * width, 8 * width, 4, 1, 1, frozen)));
        return layers.conv(name + "/patch", x, 8 * width, 1, 4, 1, 1, frozen);
    }

    private SDVariable leaky(SDVariable x) {
        return layers.sd().nn().leakyRelu(x, LEAKY_SLOPE);
    }
}
