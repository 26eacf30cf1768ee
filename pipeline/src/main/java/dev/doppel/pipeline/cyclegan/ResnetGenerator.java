package dev.doppel.pipeline.cyclegan;

import dev.doppel.pipeline.gan.Layers;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The reference's ResnetGenerator (Johnson et al.): c7s1-64, d128, d256, N residual blocks of 256,
 * u128, u64, c7s1-3, tanh; channel counts times the width scale. InstanceNorm (affine=False) and
 * ReLU after every conv but the last; 7x7 and residual convs reflection-padded, the stride-2
 * downsampling convs zero-padded, as the reference.
 *
 * <p>Upsampling is nearest x2 then a reflection-padded 3x3 conv rather than the reference's
 * ConvTranspose2d(3, stride 2, output_padding 1): the same parameter count, none of the
 * checkerboard artefacts uneven kernel overlap leaves (Odena et al., Distill 2016), which would show
 * on faces, and it keeps to ops (upsampling2d, conv2d) whose SameDiff gradients the rest of the
 * graph already relies on.
 */
final class ResnetGenerator {

    private final Layers layers;
    private final int resolution;
    private final int width;
    private final int residualBlocks;

    ResnetGenerator(Layers layers, CycleGanOptions options) {
        this.layers = layers;
        this.resolution = options.settings().resolution();
        this.width = options.generatorWidth();
        this.residualBlocks = options.residualBlocks();
    }

    /** Faces in [-1, 1] (N x 3 x R x R) to faces in [-1, 1]; {@code name} keeps each generator's weights apart. */
    SDVariable apply(String name, SDVariable faces) {
        int side = resolution;
        SDVariable x = normRelu(layers.conv(name + "/c7s1", layers.reflectionPad(faces, 3, side), 3, width, 7, 1, 0, false));
        x = normRelu(layers.conv(name + "/down1", x, width, 2 * width, 3, 2, 1, false));
        x = normRelu(layers.conv(name + "/down2", x, 2 * width, 4 * width, 3, 2, 1, false));
        side /= 4;
        for (int i = 0; i < residualBlocks; i++) {
            x = residual(name + "/res" + i, x, 4 * width, side);
        }
        x = up(name + "/up1", x, 4 * width, 2 * width, side);
        x = up(name + "/up2", x, 2 * width, width, side * 2);
        side *= 4;
        return layers.sd().math().tanh(layers.conv(name + "/rgb", layers.reflectionPad(x, 3, side), width, 3, 7, 1, 0, false));
    }

    /** x + IN(conv(pad(ReLU(IN(conv(pad(x))))))): no ReLU after the sum, as the reference. */
    private SDVariable residual(String name, SDVariable x, int channels, int side) {
        SDVariable y = normRelu(layers.conv(name + "/conv1", layers.reflectionPad(x, 1, side), channels, channels, 3, 1, 0, false));
        y = layers.instanceNorm(layers.conv(name + "/conv2", layers.reflectionPad(y, 1, side), channels, channels, 3, 1, 0, false));
        return x.add(y);
    }

    private SDVariable up(String name, SDVariable x, int in, int out, int side) {
        SDVariable doubled = layers.upsample(x);
        return normRelu(layers.conv(name, layers.reflectionPad(doubled, 1, side * 2), in, out, 3, 1, 0, false));
    }

    private SDVariable normRelu(SDVariable x) {
        return layers.sd().nn().relu(layers.instanceNorm(x), 0);
    }
}
