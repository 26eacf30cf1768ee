package dev.doppel.pipeline.motion;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The reference's Hourglass: a U-Net of 3x3 convolutions whose encoder halves the map (average
 * pooling) and doubles the channels up to a maximum, and whose decoder doubles it back (nearest
 * upsampling), each step concatenated with the encoder's map of its size; the output is the last
 * up block's width plus the input's channels, the input itself concatenated on.
 */
final class Hourglass {

    private final MotionLayers layers;
    private final String name;
    private final int in;
    private final int width;
    private final int maximum;
    private final int blocks;

    Hourglass(MotionLayers layers, String name, int in, int width, int maximum, int blocks) {
        this.layers = layers;
        this.name = name;
        this.in = in;
        this.width = width;
        this.maximum = maximum;
        this.blocks = blocks;
    }

    int outChannels() {
        return width + in;
    }

    SDVariable apply(SDVariable x) {
        List<SDVariable> skips = new ArrayList<>();
        skips.add(x);
        SDVariable down = x;
        for (int i = 0; i < blocks; i++) {
            down = layers.averagePool(layers.convRelu(name + "/down" + i, down, i == 0 ? in : channels(i), channels(i + 1), 3), 2);
            skips.add(down);
        }
        SDVariable up = skips.remove(skips.size() - 1);
        for (int i = blocks - 1; i >= 0; i--) {
            int upIn = (i == blocks - 1 ? 1 : 2) * channels(i + 1);
            up = layers.convRelu(name + "/up" + i, layers.upsample(up), upIn, channels(i), 3);
            up = layers.sd().concat(1, up, skips.remove(skips.size() - 1));
        }
        return up;
    }

    /** Channels after i halvings: width x 2^i, at most the maximum. */
    private int channels(int i) {
        return Math.min(maximum, width << i);
    }
}
