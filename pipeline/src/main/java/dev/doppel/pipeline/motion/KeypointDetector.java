package dev.doppel.pipeline.motion;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The reference's KPDetector: an hourglass on the frame at the motion side, a 7x7 convolution to K
 * heatmaps, each a softmax over the map at the options' temperature, and each keypoint the
 * expectation of the coordinate grid under its heatmap. Four more channels per keypoint, weighted
 * by the same heatmap, are its Jacobian; that convolution starts at zero weights and a bias of the
 * identity, as the reference's, so every keypoint starts out moving rigidly.
 */
final class KeypointDetector {

    static final String NAME = "kp";
    static final int KERNEL = 7;

    /** Keypoints of a batch of frames: positions N x K x 2 and Jacobians N x K x 4. */
    record Found(SDVariable positions, SDVariable jacobians) {
    }

    private final MotionLayers layers;
    private final MotionOptions options;
    private final Hourglass hourglass;

    KeypointDetector(MotionLayers layers, MotionOptions options) {
        this.layers = layers;
        this.options = options;
        this.hourglass = new Hourglass(layers, NAME + "/hourglass", 3, options.hourglassWidth(), options.hourglassMaximum(),
                options.hourglassBlocks());
    }

    /** @param frames N x 3 x s x s in [0, 1], s the options' motion side */
    Found apply(SDVariable frames) {
        int k = options.keypoints();
        int points = options.motionSide() * options.motionSide();
        int channels = hourglass.outChannels();
        SDVariable features = hourglass.apply(frames);
        // PyTorch's default initialisation (std about 1 / sqrt(3 fan_in)) for the heatmaps, as the reference leaves them.
        double std = 1 / Math.sqrt(3.0 * KERNEL * KERNEL * channels);
        SDVariable logits = layers.conv(NAME + "/heatmaps", features, channels, k, KERNEL, std, null).reshape(-1, k, points);
        SDVariable heatmaps = layers.sd().nn().softmax(logits.div(options.temperature()), 2);
        SDVariable grid = layers.sd().constant(CoordinateGrid.points(options.motionSide()));
        SDVariable positions = heatmaps.reshape(-1, points).mmul(grid).reshape(-1, k, 2);

        float[] identity = new float[4 * k];
        for (int i = 0; i < k; i++) {
            identity[4 * i] = 1;
            identity[4 * i + 3] = 1;
        }
        SDVariable perPixel = layers.conv(NAME + "/jacobians", features, channels, 4 * k, KERNEL, 0, identity).reshape(-1, k, 4, points);
        SDVariable jacobians = layers.sd().sum(perPixel.mul(heatmaps.reshape(-1, k, 1, points)), 3);
        return new Found(positions, jacobians);
    }
}
