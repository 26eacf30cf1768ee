package dev.doppel.pipeline.saehd;

import java.util.List;

import dev.doppel.pipeline.samediff.NamedLayers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * DeepFaceLab's SAEHD networks (core/leras/archis/DeepFakeArchi.py) as SameDiff ops, NCHW, weights
 * YXIO ([kH, kW, in, out], TensorFlow's HWIO: DFL's own layout). Each layer's weights are created
 * on first use and found by name afterwards, so encoder, inters and decoders apply to the training
 * and the inference inputs of one graph with one set of weights (and one optimiser state).
 *
 * <p>Encoder: four 5x5 stride-2 convs, widths e, 2e, 4e, 8e, flattened (pixel-normalised with 'u').
 * Inter: Dense ae, Dense to lowest x lowest x out, reshape, upscale. Decoder: three upscales each
 * followed by a residual block (8d, 4d, 2d), RGB by a 1x1 conv (with 'd', four convs to a 2x2
 * depth-to-space), sigmoid; its mask branch upscales 8m, 4m, 2m (and m with 'd') from the same code,
 * then a 1x1 conv to one channel, sigmoid. Weights start glorot-uniform, leras' default.
 */
final class SaehdNetwork {

    static final double SLOPE = 0.1;
    static final double RESIDUAL_SLOPE = 0.2;

    private final SameDiff sd;
    private final SaehdOptions options;
    private final NamedLayers layers;
    private final int e;
    private final int ae;
    private final int dims;
    private final int maskDims;
    private final int lowest;

    SaehdNetwork(SameDiff sd, SaehdOptions options) {
        this.sd = sd;
        this.options = options;
        this.layers = new NamedLayers(sd, options.seed());
        this.e = options.scaled(options.eDims());
        this.ae = options.scaled(options.aeDims());
        this.dims = options.scaled(options.dDims());
        this.maskDims = options.scaled(options.dMaskDims());
        this.lowest = options.resolution() / (options.d() ? 32 : 16);
    }

    /** The weight groups, each a name prefix of its variables, in the family's words. */
    static List<String> parts(SaehdOptions.Design design) {
        return design == SaehdOptions.Design.DF
                ? List.of("encoder", "inter", "decoderA", "decoderB")
                : List.of("encoder", "interAB", "interA", "decoder");
    }

    /** What an inter gives out per pixel: the code a DF decoder takes, half of a LIAE decoder's. */
    int interChannels() {
        return options.design() == SaehdOptions.Design.DF ? ae : ae * 2;
    }

    /** Faces (N x 3 x R x R) to the flattened code: N x 8e * (R/16)². */
    SDVariable encoder(SDVariable faces) {
        SDVariable x = faces;
        int in = 3;
        for (int i = 0; i < 4; i++) {
            int out = e * Math.min(1 << i, 8);
            x = sd.nn().leakyRelu(conv("encoder/down" + i, x, in, out, 5, 2), SLOPE);
            in = out;
        }
        x = sd.reshape(x, -1, codeLength());
        if (options.u()) {
            x = x.mul(sd.math().rsqrt(sd.mean(x.mul(x), true, 1).add(1e-6)));
        }
        return x;
    }

    /** The code to N x out x 2L x 2L, L the lowest dense resolution (R/16, R/32 with 'd'). */
    SDVariable inter(String name, SDVariable code, int out) {
        SDVariable x = layers.dense(name + "/dense0", code, codeLength(), ae);
        x = layers.dense(name + "/dense1", x, ae, (long) lowest * lowest * out);
        x = sd.reshape(x, -1, out, lowest, lowest);
        return upscale(name + "/upscale", x, out, out, lowest);
    }

    /** An inter's code (N x in x 2L x 2L) to {RGB N x 3 x R x R, mask N x 1 x R x R}, both in [0, 1]. */
    SDVariable[] decoder(String name, SDVariable z, int in) {
        String p = name + "/";
        int side = lowest * 2;
        SDVariable x = residual(p + "res0", upscale(p + "upscale0", z, in, dims * 8, side), dims * 8);
        x = residual(p + "res1", upscale(p + "upscale1", x, dims * 8, dims * 4, side * 2), dims * 4);
        x = residual(p + "res2", upscale(p + "upscale2", x, dims * 4, dims * 2, side * 4), dims * 2);
        SDVariable rgb = conv(p + "out0", x, dims * 2, 3, 1, 1);
        if (options.d()) {
            rgb = depthToSpace(sd.concat(1, rgb, conv(p + "out1", x, dims * 2, 3, 3, 1), conv(p + "out2", x, dims * 2, 3, 3, 1),
                    conv(p + "out3", x, dims * 2, 3, 3, 1)), 3, side * 8);
        }
        SDVariable m = upscale(p + "upscalem0", z, in, maskDims * 8, side);
        m = upscale(p + "upscalem1", m, maskDims * 8, maskDims * 4, side * 2);
        m = upscale(p + "upscalem2", m, maskDims * 4, maskDims * 2, side * 4);
        int maskIn = maskDims * 2;
        if (options.d()) {
            m = upscale(p + "upscalem3", m, maskDims * 2, maskDims, side * 8);
            maskIn = maskDims;
        }
        return new SDVariable[] {sd.nn().sigmoid(rgb), sd.nn().sigmoid(conv(p + "outm", m, maskIn, 1, 1, 1))};
    }

    private long codeLength() {
        int side = options.resolution() / 16;
        return (long) e * 8 * side * side;
    }

    private SDVariable upscale(String name, SDVariable x, int in, int out, int side) {
        return depthToSpace(sd.nn().leakyRelu(conv(name, x, in, out * 4, 3, 1), SLOPE), out, side);
    }

    private SDVariable residual(String name, SDVariable input, int channels) {
        SDVariable x = sd.nn().leakyRelu(conv(name + "/conv1", input, channels, channels, 3, 1), RESIDUAL_SLOPE);
        return sd.nn().leakyRelu(input.add(conv(name + "/conv2", x, channels, channels, 3, 1)), RESIDUAL_SLOPE);
    }

    /**
     * TensorFlow's depth_to_space(2), as DFL: out[c, 2h+i, 2w+j] = in[(i*2+j)*C + c, h, w], so
     * DFL's 'd' output takes one of its four convs per sub-pixel and a DFL checkpoint's filters
     * would mean the same here. Reshape and permute: their gradients are plain in M2.1.
     */
    SDVariable depthToSpace(SDVariable x, int channels, int side) {
        SDVariable split = sd.reshape(x, -1, 2, 2, channels, side, side);
        return sd.reshape(sd.permute(split, 0, 3, 4, 1, 5, 2), -1, channels, side * 2L, side * 2L);
    }

    /** leras' Conv2D starts glorot-uniform over the kernel's receptive field. */
    private SDVariable conv(String name, SDVariable x, int in, int out, int kernel, int stride) {
        return layers.conv(name, x, in, out, kernel, stride, NamedLayers.glorot((long) kernel * kernel * in, (long) kernel * kernel * out));
    }
}
