package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.image.Levels;

/** faceswap's avg-color: add the difference of the masked channel means. */
final class MeanShift {

    private MeanShift() {
    }

    static int[] apply(CropPixels crop) {
        float[] swapped = ChannelStatistics.rgb(crop.swapped());
        double[] from = ChannelStatistics.of(swapped, crop.weight()).mean();
        double[] to = ChannelStatistics.of(ChannelStatistics.rgb(crop.original()), crop.weight()).mean();
        int[] out = new int[crop.swapped().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Levels.pack(swapped[3 * i] + to[0] - from[0], swapped[3 * i + 1] + to[1] - from[1],
                    swapped[3 * i + 2] + to[2] - from[2]);
        }
        return out;
    }
}
