package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;

import dev.doppel.pipeline.face.AlignedFace;
import dev.doppel.pipeline.image.PlanarImage;

/**
 * The inverse warp: a swapped face, drawn in the aligned crop's frame of reference at the model's
 * resolution, carried back into frame pixels through the alignment matrix, together with the
 * face mask that says where it may go.
 */
public final class FacePaste {

    private FacePaste() {
    }

    /**
     * @param swapped the new face, square, at any size (the model's resolution)
     * @param aligned the alignment of the face it replaces, whose crop and mask may be larger
     * @return the patch over the frame rectangle the crop covers, or null when that lies outside the frame
     */
    public static FacePatch patch(BufferedImage swapped, AlignedFace aligned, int frameWidth, int frameHeight) {
        int size = aligned.crop().getWidth();
        double[] fromCrop = aligned.fromCrop();
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] corner : new double[][] {{0, 0}, {size, 0}, {0, size}, {size, size}}) {
            double x = fromCrop[0] * corner[0] + fromCrop[1] * corner[1] + fromCrop[2];
            double y = fromCrop[3] * corner[0] + fromCrop[4] * corner[1] + fromCrop[5];
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        int left = Math.max(0, (int) Math.floor(minX));
        int top = Math.max(0, (int) Math.floor(minY));
        int right = Math.min(frameWidth, (int) Math.ceil(maxX) + 1);
        int bottom = Math.min(frameHeight, (int) Math.ceil(maxY) + 1);
        if (right <= left || bottom <= top) {
            return null;
        }
        int width = right - left;
        int height = bottom - top;
        PlanarImage face = PlanarImage.rgb(swapped);
        PlanarImage mask = PlanarImage.grey(aligned.mask());
        double scale = (double) swapped.getWidth() / size;
        double[] toCrop = aligned.toCrop();
        float[] rgb = new float[width * height * 3];
        float[] alpha = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double fx = left + x;
                double fy = top + y;
                double u = toCrop[0] * fx + toCrop[1] * fy + toCrop[2];
                double v = toCrop[3] * fx + toCrop[4] * fy + toCrop[5];
                if (u < -0.5 || v < -0.5 || u > size - 0.5 || v > size - 0.5) {
                    continue;
                }
                int i = y * width + x;
                alpha[i] = mask.sample(0, u, v);
                double us = (u + 0.5) * scale - 0.5;
                double vs = (v + 0.5) * scale - 0.5;
                for (int c = 0; c < 3; c++) {
                    rgb[3 * i + c] = face.sample(c, us, vs) * 255f;
                }
            }
        }
        return new FacePatch(left, top, width, height, rgb, alpha);
    }
}
