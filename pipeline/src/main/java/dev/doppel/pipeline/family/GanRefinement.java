package dev.doppel.pipeline.family;

/**
 * Adversarial refinement of an autoencoder, DeepFaceLab SAEHD's {@code gan_power}: from
 * {@code fromIteration} on, a patch discriminator per identity judges the masked reconstruction
 * against the masked target, and its verdict, weighted by {@code power}, joins the reconstruction
 * loss. It sharpens what a pixel loss blurs; it comes late (after the face is learned, with random
 * warp off) and, once on, stays on.
 *
 * @param fromIteration the model iteration at which it switches on
 * @param power         weight of the adversarial term in the generator's loss (0.1, DFL's "typical fine value")
 * @param patchSize     receptive field the discriminator is built for, in pixels (DFL: resolution / 8)
 * @param baseChannels  channels of its first level, doubling per level up to 512 (DFL: 16)
 */
public record GanRefinement(long fromIteration, double power, int patchSize, int baseChannels) {

    public static final double DEFAULT_POWER = 0.1;
    public static final int DEFAULT_BASE_CHANNELS = 16;

    public GanRefinement {
        if (fromIteration < 0) {
            throw new IllegalArgumentException("refinement cannot start before iteration 0");
        }
        if (!(power > 0 && power <= 5)) {
            throw new IllegalArgumentException("GAN power must be above 0 and at most 5");
        }
        if (patchSize < 3 || patchSize > 640 || baseChannels < 4 || baseChannels > 512) {
            throw new IllegalArgumentException("patch size must be 3 to 640, base channels 4 to 512");
        }
    }

    /** DFL's defaults for a model of {@code resolution} pixels. */
    public static GanRefinement defaults(long fromIteration, int resolution) {
        return new GanRefinement(fromIteration, DEFAULT_POWER, Math.max(3, resolution / 8), DEFAULT_BASE_CHANNELS);
    }

    public boolean activeAt(long iteration) {
        return iteration >= fromIteration;
    }
}
