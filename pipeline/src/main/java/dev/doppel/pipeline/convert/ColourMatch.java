package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;

/**
 * Recolours a swapped face so that it sits in the original's lighting, like faceswap's convert
 * colour plugins (avg-color, color-transfer, match-hist) and DeepFaceLab's merger (rct). Runs in
 * the aligned-crop space, before the face is warped back into the frame.
 */
public enum ColourMatch {
    NONE {
        @Override
        int[] recolour(CropPixels crop) {
            return crop.swapped().clone();
        }
    },
    /** Shifts each RGB channel's mean onto the original's (faceswap "avg-color"). */
    AVERAGE {
        @Override
        int[] recolour(CropPixels crop) {
            return MeanShift.apply(crop);
        }
    },
    /** Reinhard et al. 2001: mean and standard deviation per CIE L*a*b* channel (faceswap/DFL "rct"). */
    REINHARD {
        @Override
        int[] recolour(CropPixels crop) {
            return ReinhardTransfer.apply(crop);
        }
    },
    /** Per-channel histogram matching of the masked pixels (faceswap "match-hist"). */
    HISTOGRAM {
        @Override
        int[] recolour(CropPixels crop) {
            return HistogramMatch.apply(crop);
        }
    };

    /**
     * Returns a new TYPE_INT_RGB image: {@code swapped} recoloured so that, inside {@code mask}, its
     * colour statistics match {@code original}'s. Every pixel is recoloured, outside the mask too,
     * with the statistics measured inside it; an empty mask leaves the colours as they are.
     *
     * @param mask grey, 0..255, same size as both faces; each pixel counts with weight value / 255
     */
    public BufferedImage apply(BufferedImage swapped, BufferedImage original, BufferedImage mask) {
        CropPixels crop = CropPixels.of(swapped, original, mask);
        int[] rgb = crop.hasWeight() ? recolour(crop) : crop.swapped().clone();
        return crop.image(rgb);
    }

    /** Parses "none", "average", "reinhard", "histogram", in any case. */
    public static ColourMatch parse(String name) {
        return Names.parse(ColourMatch.class, "colour match", name);
    }

    abstract int[] recolour(CropPixels crop);
}
