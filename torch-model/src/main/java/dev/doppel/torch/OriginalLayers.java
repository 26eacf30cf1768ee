package dev.doppel.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/** The building blocks of faceswap's "Original" model, as the SameDiff implementation has them. */
final class OriginalLayers {

    private static final float LEAKY_SLOPE = 0.1f;

    private OriginalLayers() {
    }

    /**
     * Conv 5x5, stride 2, LeakyReLU(0.1): halves the side. Padded "same" the TensorFlow way, as
     * faceswap's Keras model and the SameDiff twin: 1 pixel top and left, 2 bottom and right
     * (PyTorch's symmetric padding 2 would put every window a pixel up and left of theirs).
     */
    static Block downscale(int filters) {
        return new SequentialBlock()
                .addSingleton(x -> x.pad(new Shape(1, 2, 1, 2), 0), "padSame")
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(5, 5))
                        .optStride(new Shape(2, 2))
                        .setFilters(filters)
                        .build())
                .add(Activation.leakyReluBlock(LEAKY_SLOPE));
    }

    /** Conv 3x3 to 4x the filters, LeakyReLU(0.1), pixel shuffle: doubles the side. */
    static Block upscale(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .setFilters(4 * filters)
                        .build())
                .add(Activation.leakyReluBlock(LEAKY_SLOPE))
                .addSingleton(OriginalLayers::pixelShuffle, "pixelShuffle");
    }

    /** The last decoder layer: conv 5x5 to RGB, sigmoid into [0, 1]. */
    static Block toRgb() {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(5, 5))
                        .optPadding(new Shape(2, 2))
                        .setFilters(3)
                        .build())
                .add(Activation.sigmoidBlock());
    }

    /**
     * PyTorch's PixelShuffle(2): N x 4C x H x W to N x C x 2H x 2W, input channel c*4 + i*2 + j
     * landing at row 2h+i, column 2w+j. DJL has no pixel-shuffle op, so reshape and transpose.
     */
    static NDArray pixelShuffle(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, 2, 2, h, w)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(n, c, 2 * h, 2 * w);
    }
}
