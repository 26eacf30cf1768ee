package dev.doppel.pipeline.reenact;

import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.gan.PatchDiscriminator;

/**
 * How a sketch-to-face model is built and trained: pix2pix (Isola et al. 2017) or it with
 * pix2pixHD's improvements (Wang et al. 2018), as the caller's architecture says.
 *
 * @param settings              resolution (a power of two, 32 to 512), width scale (1.0 is the reference's ngf = ndf = 64),
 *                              Adam's learning rate (the reference's 2e-4) and seed
 * @param discriminatorScales   PatchGANs on the pair at full, half, quarter... size (pix2pix 1; pix2pixHD 2, 3 from 256 px)
 * @param featureMatchingWeight pix2pixHD's lambda_feat (10): L1 between the discriminators' features on real and made pairs; 0 for none
 * @param perceptualWeight      pix2pixHD's lambda for its perceptual loss (10), on a face network's features ({@link PerceptualLoss}); 0 for none
 * @param l1Weight              pix2pix's lambda_L1 (100) on the made face against the real one
 * @param leastSquares          LSGAN (pix2pixHD's default) instead of pix2pix's cross-entropy
 * @param coarseToFine          pix2pixHD's generator ({@link LocalEnhancer}): a global U-Net at half size refined at full size;
 *                              pix2pixHD from 256 px, where one U-Net no longer sees the whole face at once
 */
public record Pix2PixOptions(ModelSettings settings, int discriminatorScales, double featureMatchingWeight, double perceptualWeight,
        double l1Weight, boolean leastSquares, boolean coarseToFine) {

    public static final String PIX2PIX = "pix2pix";
    public static final String PIX2PIX_HD = "pix2pixhd";

    public Pix2PixOptions {
        int r = settings.resolution();
        if (r < 32 || r > 512 || Integer.bitCount(r) != 1) {
            throw new IllegalArgumentException("resolution must be a power of two from 32 to 512: the U-Net halves it down to one pixel");
        }
        if (discriminatorScales < 1 || r >> (discriminatorScales - 1) < PatchDiscriminator.minimumSide()) {
            throw new IllegalArgumentException(discriminatorScales + " discriminator scales need faces of at least "
                    + (PatchDiscriminator.minimumSide() << (discriminatorScales - 1)) + " px");
        }
        if (!(settings.widthScale() > 0 && settings.widthScale() <= 2) || !(settings.learningRate() > 0)) {
            throw new IllegalArgumentException("widthScale must be in (0, 2] and the learning rate positive");
        }
        if (coarseToFine && r < 64) {
            throw new IllegalArgumentException("the coarse-to-fine generator needs 64 px or more: its global network works at half size");
        }
        if (featureMatchingWeight < 0 || perceptualWeight < 0 || l1Weight < 0) {
            throw new IllegalArgumentException("loss weights cannot be negative");
        }
    }

    /** The reference recipe of {@code architecture} ({@link #PIX2PIX} or {@link #PIX2PIX_HD}) for the settings. */
    public static Pix2PixOptions of(String architecture, ModelSettings settings) {
        return switch (architecture) {
            case PIX2PIX -> new Pix2PixOptions(settings, 1, 0, 0, 100, false, false);
            case PIX2PIX_HD -> {
                boolean large = settings.resolution() >= 256;
                yield new Pix2PixOptions(settings, large ? 3 : 2, 10, 10, 100, true, large);
            }
            default -> throw new IllegalArgumentException("not a sketch-to-face architecture: " + architecture);
        };
    }

    public boolean featureMatching() {
        return featureMatchingWeight > 0;
    }

    public boolean perceptual() {
        return perceptualWeight > 0;
    }


    int generatorWidth() {
        return scaled(64);
    }

    int discriminatorWidth() {
        return scaled(64);
    }

    private int scaled(int channels) {
        return Math.max(1, (int) Math.round(channels * settings.widthScale()));
    }
}
