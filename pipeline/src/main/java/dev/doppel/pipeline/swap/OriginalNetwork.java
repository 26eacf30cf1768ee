package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.samediff.NamedLayers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * faceswap's "Original" autoencoder as SameDiff ops, NCHW like the DJL twin, on {@link NamedLayers}
 * (YXIO filters, PyTorch's OIYX a permute(3, 2, 0, 1) away; weights found by name, so the encoder
 * applies to both the training and the inference input of one graph with one Adam state).
 *
 * <p>Encoder: 5x5 stride-2 convs 128w, 256w, 512w, 1024w (one more 1024w at 128 px) to a 4x4
 * bottleneck, Dense 1024w, Dense 4*4*1024w, reshape, upscale(512w). Decoder: upscale 256w, 128w,
 * 64w (32w at 128 px), 5x5 conv to RGB, sigmoid. Upscale: 3x3 conv to 4c, LeakyReLU(0.1), pixel
 * shuffle. Convs pad "same" the TensorFlow way (odd pixel bottom/right), as faceswap's Keras model.
 */
final class OriginalNetwork {

    static final double LEAKY_SLOPE = 0.1;

    private final SameDiff sd;
    private final int resolution;
    private final double widthScale;
    private final NamedLayers layers;

    OriginalNetwork(SameDiff sd, SwapModelOptions options) {
        this.sd = sd;
        this.resolution = options.resolution();
        this.widthScale = options.widthScale();
        this.layers = new NamedLayers(sd, options.seed());
    }

    int width(int channels) {
        return (int) Math.round(channels * widthScale);
    }

    /** Faces (N x 3 x R x R) to the bottleneck, upscaled once: N x 512w x 8 x 8. */
    SDVariable encoder(SDVariable faces) {
        SDVariable x = faces;
        int in = 3;
        int[] widths = resolution == 128 ? new int[] {128, 256, 512, 1024, 1024} : new int[] {128, 256, 512, 1024};
        for (int i = 0; i < widths.length; i++) {
            int out = width(widths[i]);
            x = sd.nn().leakyRelu(conv("encoder/conv" + i, x, in, out, 5, 2), LEAKY_SLOPE);
            in = out;
        }
        int bottleneck = width(1024);
        x = sd.reshape(x, -1, (long) in * 4 * 4);
        x = layers.dense("encoder/dense0", x, (long) in * 4 * 4, bottleneck);
        x = layers.dense("encoder/dense1", x, bottleneck, (long) bottleneck * 4 * 4);
        x = sd.reshape(x, -1, bottleneck, 4, 4);
        return upscale("encoder/upscale", x, bottleneck, width(512), 4);
    }

    /** The encoder's 8 x 8 output to an RGB face in [0, 1]. */
    SDVariable decoder(String identity, SDVariable encoded) {
        String prefix = "decoder" + identity + "/";
        int[] widths = resolution == 128 ? new int[] {256, 128, 64, 32} : new int[] {256, 128, 64};
        SDVariable x = encoded;
        int in = width(512);
        int side = 8;
        for (int i = 0; i < widths.length; i++) {
            int out = width(widths[i]);
            x = upscale(prefix + "upscale" + i, x, in, out, side);
            in = out;
            side *= 2;
        }
        return sd.nn().sigmoid(conv(prefix + "rgb", x, in, 3, 5, 1));
    }

    private SDVariable upscale(String name, SDVariable x, int in, int out, int side) {
        return pixelShuffle(sd.nn().leakyRelu(conv(name, x, in, out * 4, 3, 1), LEAKY_SLOPE), out, side);
    }

    /**
     * PyTorch's PixelShuffle(2): out[c, 2h+i, 2w+j] = in[c*4 + i*2 + j, h, w]. ND4J's depthToSpace
     * follows TensorFlow (channel (i*2+j)*C + c), which would scramble the twin's weights.
     */
    SDVariable pixelShuffle(SDVariable x, int channels, int side) {
        SDVariable split = sd.reshape(x, -1, channels, 2, 2, side, side);
        return sd.reshape(sd.permute(split, 0, 1, 4, 2, 5, 3), -1, channels, side * 2L, side * 2L);
    }

    /** faceswap's convolutions start he-uniform, its Dense layers glorot-uniform (Keras' defaults for each). */
    private SDVariable conv(String name, SDVariable x, int in, int out, int kernel, int stride) {
        return layers.conv(name, x, in, out, kernel, stride, NamedLayers.heUniform((long) kernel * kernel * in));
    }
}
