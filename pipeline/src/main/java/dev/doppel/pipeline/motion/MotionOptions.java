package dev.doppel.pipeline.motion;

import dev.doppel.pipeline.family.ModelSettings;

/**
 * How a first-order motion model is built and trained. The reference's vox-256 networks (keypoint
 * and dense-motion hourglasses of 32 and 64 to 1024 channels, a generator of 64) take a GPU; these
 * (hourglasses of 16 to 128 channels, a generator of 16) are a small fraction of that, so training
 * runs on CPU cores, and the settings' width scale multiplies every channel count from there.
 *
 * @param settings        resolution (a power of two, 32 to 256), width scale (1.0 is this family's CPU size, not the
 *                        reference's), Adam's learning rate (the reference's 2e-4) and seed
 * @param keypoints       K, the reference's 10
 * @param temperature     the heatmaps' softmax temperature, the reference's 0.1
 * @param hourglassBlocks down (and up) blocks of both hourglasses, the reference's 5
 * @param residualBlocks  the generator's bottleneck, the reference's 6
 */
public record MotionOptions(ModelSettings settings, int keypoints, double temperature, int hourglassBlocks, int residualBlocks) {

    public static final String FOMM = "fomm";

    /** Below this the keypoint and motion networks see too few pixels to place a point; above it they work at a quarter size, as the reference. */
    static final int MINIMUM_MOTION_SIDE = 16;
    /** The generator's halvings before it warps its features, the reference's 2. */
    static final int GENERATOR_DOWN_BLOCKS = 2;

    public MotionOptions {
        int r = settings.resolution();
        if (r < 32 || r > 256 || Integer.bitCount(r) != 1) {
            throw new IllegalArgumentException("resolution must be a power of two from 32 to 256");
        }
        if (keypoints < 1 || !(temperature > 0) || residualBlocks < 0) {
            throw new IllegalArgumentException("at least one keypoint, a positive temperature and no negative count of blocks");
        }
        if (hourglassBlocks < 1 || motionSide(r) >> hourglassBlocks < 1) {
            throw new IllegalArgumentException(hourglassBlocks + " hourglass blocks cannot halve a " + motionSide(r) + " px map");
        }
        if (!(settings.widthScale() > 0 && settings.widthScale() <= 4) || !(settings.learningRate() > 0)) {
            throw new IllegalArgumentException("widthScale must be in (0, 4] and the learning rate positive");
        }
    }

    /** The reference recipe of {@code architecture} ({@link #FOMM}) for the settings. */
    public static MotionOptions of(String architecture, ModelSettings settings) {
        if (!FOMM.equals(architecture)) {
            throw new IllegalArgumentException("not a motion architecture: " + architecture);
        }
        return new MotionOptions(settings, 10, 0.1, 3, 3);
    }

    /** Side of the maps the keypoint detector and the dense motion work on. */
    int motionSide() {
        return motionSide(settings.resolution());
    }

    private static int motionSide(int resolution) {
        return Math.max(MINIMUM_MOTION_SIDE, resolution / 4);
    }

    int hourglassWidth() {
        return scaled(16);
    }

    int hourglassMaximum() {
        return scaled(128);
    }

    int generatorWidth() {
        return scaled(16);
    }

    private int scaled(int channels) {
        return Math.max(1, (int) Math.round(channels * settings.widthScale()));
    }
}
