package dev.doppel.pipeline.reenact;

import dev.doppel.pipeline.gan.Layers;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * pix2pixHD's coarse-to-fine generator (LocalEnhancer, one enhancer): a global U-Net draws the
 * face from the sketch at half size, and a local network at full size refines it: its front end
 * (7x7 conv, then a stride-2 3x3 conv to 2 x width channels at half size) is added to the global
 * network's last features, and three residual blocks, a x2 upsampling conv and a 7x7 conv with
 * tanh draw the face. Reflection padding before the 7x7 convs, InstanceNorm and ReLU between, as
 * the reference; the global features pass a 1x1 conv to the local width, since this global network
 * is pix2pix's U-Net rather than the reference's ResNet. Both are trained together from the start,
 * where the reference first trains the global network alone.
 */
final class LocalEnhancer {

    static final String NAME = "G/local";
    static final int RESIDUAL_BLOCKS = 3;

    private final Layers layers;
    private final UNetGenerator global;
    private final int resolution;
    private final int width;

    LocalEnhancer(Layers layers, Pix2PixOptions options) {
        this.layers = layers;
        this.resolution = options.settings().resolution();
        this.global = new UNetGenerator(layers, options, UNetGenerator.NAME + "/global", resolution / 2);
        // The reference's local network has half the global one's width (ngf 32 against 64).
        this.width = Math.max(1, options.generatorWidth() / 2);
    }

    UNetGenerator global() {
        return global;
    }

    /** Sketches in [-1, 1] at full size and halved to faces in [-1, 1] at full size. */
    SDVariable apply(SDVariable sketches, SDVariable halved) {
        SDVariable coarse = layers.conv(NAME + "/fromGlobal", global.features(halved), global.featureChannels(), 2 * width, 1, 1, 0, false);
        SDVariable x = normRelu(layers.conv(NAME + "/c7s1", layers.reflectionPad(sketches, 3, resolution), 3, width, 7, 1, 0, false));
        x = normRelu(layers.conv(NAME + "/down", x, width, 2 * width, 3, 2, 1, false)).add(coarse);
        int half = resolution / 2;
        for (int i = 0; i < RESIDUAL_BLOCKS; i++) {
            SDVariable y = normRelu(layers.conv(NAME + "/res" + i + "/conv1", layers.reflectionPad(x, 1, half), 2 * width, 2 * width, 3, 1, 0,
                    false));
            y = layers.instanceNorm(layers.conv(NAME + "/res" + i + "/conv2", layers.reflectionPad(y, 1, half), 2 * width, 2 * width, 3, 1,
                    0, false));
            x = x.add(y);
        }
        x = normRelu(layers.conv(NAME + "/up", layers.reflectionPad(layers.upsample(x), 1, resolution), 2 * width, width, 3, 1, 0, false));
        return layers.sd().math().tanh(layers.conv(NAME + "/rgb", layers.reflectionPad(x, 3, resolution), width, 3, 7, 1, 0, false));
    }

    private SDVariable normRelu(SDVariable x) {
        return layers.sd().nn().relu(layers.instanceNorm(x), 0);
    }
}
