package dev.doppel.pipeline.face;

import java.awt.image.BufferedImage;

/**
 * Variance of the Laplacian (Pech-Pacheco et al., ICPR 2000), the blur score faceswap sorts
 * faces by: a sharp face has strong second derivatives at its edges, a blurred one has few.
 * Counted on the face only (mask above half), so background and the black fill beyond the
 * photo's border do not score as detail.
 */
public final class Sharpness {

    private Sharpness() {
    }

    public static double laplacianVariance(BufferedImage crop, BufferedImage mask) {
        int width = crop.getWidth();
        int height = crop.getHeight();
        double[] grey = new double[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = crop.getRGB(x, y);
                // BT.601 luma, as OpenCV's COLOR_RGB2GRAY.
                grey[y * width + x] = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
            }
        }
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                if (mask.getRaster().getSample(x, y, 0) < 128) {
                    continue;
                }
                int i = y * width + x;
                double laplacian = grey[i - 1] + grey[i + 1] + grey[i - width] + grey[i + width] - 4 * grey[i];
                sum += laplacian;
                squares += laplacian * laplacian;
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        double mean = sum / count;
        return squares / count - mean * mean;
    }
}
