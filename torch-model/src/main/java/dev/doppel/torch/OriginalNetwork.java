package dev.doppel.torch;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.doppel.pipeline.swap.Identity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * faceswap's "Original" autoencoder: one shared encoder, one decoder per identity. Channel counts
 * are the original's times {@code widthScale}; the bottleneck is 4x4 at either resolution (128 px
 * has one more downscale in the encoder and one more upscale in each decoder).
 */
final class OriginalNetwork {

    static final int BOTTLENECK_SIDE = 4;

    final int resolution;
    final Block encoder;
    final Block decoderA;
    final Block decoderB;
    private final int encoderOutputChannels;

    OriginalNetwork(int resolution, double widthScale) {
        this.resolution = resolution;
        int bottleneckChannels = scaled(1024, widthScale);
        this.encoderOutputChannels = scaled(512, widthScale);

        SequentialBlock enc = new SequentialBlock()
                .add(OriginalLayers.downscale(scaled(128, widthScale)))
                .add(OriginalLayers.downscale(scaled(256, widthScale)))
                .add(OriginalLayers.downscale(scaled(512, widthScale)))
                .add(OriginalLayers.downscale(bottleneckChannels));
        if (resolution == 128) {
            enc.add(OriginalLayers.downscale(bottleneckChannels));
        }
        enc.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(bottleneckChannels).build())
                .add(Linear.builder().setUnits((long) BOTTLENECK_SIDE * BOTTLENECK_SIDE * bottleneckChannels).build())
                .addSingleton(x -> x.reshape(-1, bottleneckChannels, BOTTLENECK_SIDE, BOTTLENECK_SIDE), "unflatten")
                .add(OriginalLayers.upscale(encoderOutputChannels));
        this.encoder = enc;
        this.decoderA = decoder(resolution, widthScale);
        this.decoderB = decoder(resolution, widthScale);
    }

    private static Block decoder(int resolution, double widthScale) {
        SequentialBlock dec = new SequentialBlock()
                .add(OriginalLayers.upscale(scaled(256, widthScale)))
                .add(OriginalLayers.upscale(scaled(128, widthScale)))
                .add(OriginalLayers.upscale(scaled(64, widthScale)));
        if (resolution == 128) {
            dec.add(OriginalLayers.upscale(scaled(32, widthScale)));
        }
        return dec.add(OriginalLayers.toRgb());
    }

    static int scaled(int channels, double widthScale) {
        return (int) Math.round(channels * widthScale);
    }

    Block decoder(Identity identity) {
        return identity == Identity.A ? decoderA : decoderB;
    }

    Shape faceShape() {
        return new Shape(1, 3, resolution, resolution);
    }

    Shape latentShape() {
        int side = 2 * BOTTLENECK_SIDE;
        return new Shape(1, encoderOutputChannels, side, side);
    }

    /** Random weights (DJL's defaults: Xavier-Gaussian weights, zero biases) from the engine's seed. */
    void initialize(NDManager manager) {
        encoder.initialize(manager, DataType.FLOAT32, faceShape());
        decoderA.initialize(manager, DataType.FLOAT32, latentShape());
        decoderB.initialize(manager, DataType.FLOAT32, latentShape());
    }

    /** Every trainable parameter under a name that is stable across processes (DJL's ids are not). */
    Map<String, Parameter> parameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        encoder.getParameters().forEach(p -> all.put("encoder." + p.getKey(), p.getValue()));
        decoderA.getParameters().forEach(p -> all.put("decoderA." + p.getKey(), p.getValue()));
        decoderB.getParameters().forEach(p -> all.put("decoderB." + p.getKey(), p.getValue()));
        return all;
    }

    void save(DataOutputStream out) throws IOException {
        encoder.saveParameters(out);
        decoderA.saveParameters(out);
        decoderB.saveParameters(out);
    }

    /** Loads weights written by {@link #save} into these (uninitialised) blocks. */
    void load(NDManager manager, DataInputStream in) throws IOException, MalformedModelException {
        encoder.loadParameters(manager, in);
        decoderA.loadParameters(manager, in);
        decoderB.loadParameters(manager, in);
        // Loaded arrays come back without autograd; Parameter.initialize only switches it on here.
        parameters().values().forEach(p -> p.initialize(manager, DataType.FLOAT32));
    }

    /** Multiply-adds of the convolutions and linears for one face through the encoder and one decoder. */
    long multiplyAddsPerFace() {
        return MultiplyAdds.of(encoder, faceShape()) + MultiplyAdds.of(decoderA, latentShape());
    }
}
