package dev.doppel.pipeline.motion;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The reference's OcclusionAwareGenerator: the source frame encoded (a 7x7 convolution, then
 * halvings to a quarter of its side), its features warped by the dense motion's flow and faded
 * where the occlusion map says the source does not show the driving frame, a residual bottleneck
 * that fills those parts in, and back up to the frame's side; a sigmoid keeps pixels in [0, 1].
 * The flow, made at the motion side, is averaged down to the features' side where that is smaller,
 * as the reference interpolates it.
 */
final class OcclusionAwareGenerator {

    static final String NAME = "generator";

    private final MotionLayers layers;
    private final MotionOptions options;

    OcclusionAwareGenerator(MotionLayers layers, MotionOptions options) {
        this.layers = layers;
        this.options = options;
    }

    /** @param source N x 3 x R x R in [0, 1]; returns the source moved as the flow says, the same shape */
    SDVariable apply(SDVariable source, DenseMotion.Flow flow) {
        SameDiff sd = layers.sd();
        int width = options.generatorWidth();
        int down = MotionOptions.GENERATOR_DOWN_BLOCKS;
        int side = options.settings().resolution() >> down;
        int motion = options.motionSide();
        int channels = width << down;

        SDVariable x = layers.convRelu(NAME + "/first", source, 3, width, 7);
        for (int i = 0; i < down; i++) {
            x = layers.averagePool(layers.convRelu(NAME + "/down" + i, x, width << i, width << (i + 1), 3), 2);
        }
        // Below 64 px the motion maps are finer than these features; pooling the flow to them then pulls it in by a fraction of a
        // pixel at the edges (at 32 px, 1/15 of the way), as the reference's interpolation of its deformation does.
        int factor = motion / side;
        SDVariable fx = layers.averagePool(flow.x().reshape(-1, 1, motion, motion), factor).reshape(-1, side * side);
        SDVariable fy = layers.averagePool(flow.y().reshape(-1, 1, motion, motion), factor).reshape(-1, side * side);
        x = BilinearSampler.sample(sd, x, channels, side, fx, fy, side).mul(layers.averagePool(flow.occlusion(), factor));

        for (int i = 0; i < options.residualBlocks(); i++) {
            SDVariable inner = layers.convRelu(NAME + "/res" + i + "/a", sd.nn().relu(x, 0), channels, channels, 3);
            x = x.add(layers.conv(NAME + "/res" + i + "/b", inner, channels, channels, 3, Math.sqrt(2.0 / (9 * channels)), null));
        }
        for (int i = down - 1; i >= 0; i--) {
            x = layers.convRelu(NAME + "/up" + i, layers.upsample(x), width << (i + 1), width << i, 3);
        }
        double std = 1 / Math.sqrt(3.0 * 49 * width);
        return sd.nn().sigmoid(layers.conv(NAME + "/final", x, width, 3, 7, std, null));
    }
}
