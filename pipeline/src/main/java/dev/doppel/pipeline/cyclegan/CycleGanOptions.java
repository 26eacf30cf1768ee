package dev.doppel.pipeline.cyclegan;

import dev.doppel.pipeline.family.ModelSettings;

/**
 * How a CycleGAN is built: the caller's settings and what the family derives from them.
 *
 * @param settings       resolution (a multiple of 4, at least 32), width scale (1.0 is the reference's
 *                       ngf = ndf = 64), Adam's learning rate (the reference's is 2e-4) and seed
 * @param residualBlocks in each generator: the reference's 6 up to 128 px, 9 above
 * @param poolSize       earlier fakes each discriminator may be shown again (the reference's 50)
 */
public record CycleGanOptions(ModelSettings settings, int residualBlocks, int poolSize) {

    public static final int REFERENCE_POOL_SIZE = 50;

    public CycleGanOptions {
        int r = settings.resolution();
        if (r < 32 || r % 4 != 0) {
            throw new IllegalArgumentException("resolution must be a multiple of 4, at least 32: two stride-2 convs go down and two x2 come back up");
        }
        if (!(settings.widthScale() > 0 && settings.widthScale() <= 2)) {
            throw new IllegalArgumentException("widthScale must be in (0, 2]");
        }
        if (!(settings.learningRate() > 0)) {
            throw new IllegalArgumentException("learningRate must be positive");
        }
        if (residualBlocks < 1 || poolSize < 0) {
            throw new IllegalArgumentException("at least one residual block, and a pool size of 0 or more");
        }
    }

    /** The reference's network for the settings' resolution. */
    public static CycleGanOptions of(ModelSettings settings) {
        return new CycleGanOptions(settings, settings.resolution() <= 128 ? 6 : 9, REFERENCE_POOL_SIZE);
    }

    /** ngf: channels of the generators' first conv. */
    int generatorWidth() {
        return scaled(64);
    }

    /** ndf: channels of the discriminators' first conv. */
    int discriminatorWidth() {
        return scaled(64);
    }

    private int scaled(int channels) {
        return Math.max(1, (int) Math.round(channels * settings.widthScale()));
    }
}
