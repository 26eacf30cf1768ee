package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.image.LabColour;

/**
 * Reinhard, Ashikhmin, Gooch and Shirley, "Color Transfer between Images" (2001): in a space where
 * luminance and the two chroma axes are nearly independent, scale and shift each channel so that
 * its mean and standard deviation become the target's.
 */
final class ReinhardTransfer {

    /**
     * Below this spread (in L*a*b* units) a channel is taken as flat: scaling it would blow noise up
     * without bound, so only its mean moves.
     */
    static final double FLAT = 1e-3;

    private ReinhardTransfer() {
    }

    static int[] apply(CropPixels crop) {
        float[] lab = LabColour.lab(crop.swapped());
        ChannelStatistics from = ChannelStatistics.of(lab, crop.weight());
        ChannelStatistics to = ChannelStatistics.of(LabColour.lab(crop.original()), crop.weight());
        double[] scale = new double[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = from.std()[c] < FLAT ? 1 : to.std()[c] / from.std()[c];
        }
        for (int i = 0; i < lab.length; i++) {
            int c = i % 3;
            lab[i] = (float) ((lab[i] - from.mean()[c]) * scale[c] + to.mean()[c]);
        }
        return LabColour.rgb(lab);
    }
}
