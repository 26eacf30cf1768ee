package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Bilinear inverse-mapped warp, as OpenCV's warpAffine with INTER_LINEAR and a black constant
 * border: pixel centres at whole coordinates. Written out rather than called through OpenCV so
 * that the pipeline needs no OpenCV natives for a few hundred thousand samples per face.
 */
final class AffineWarp {

    private AffineWarp() {
    }

    /** @param toSource maps output pixels to source pixels */
    static BufferedImage warp(RgbImage source, double[] toSource, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = source.rgb();
        int w = source.width();
        int h = source.height();
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                double x = toSource[0] * u + toSource[1] * v + toSource[2];
                double y = toSource[3] * u + toSource[4] * v + toSource[5];
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                double fx = x - x0;
                double fy = y - y0;
                double gx = 1 - fx;
                double gy = 1 - fy;
                int pixel = 0;
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
                    // Inside: the four neighbours' offsets once, the same sums as below.
                    int i00 = (y0 * w + x0) * 3;
                    int i10 = i00 + w * 3;
                    for (int c = 0; c < 3; c++) {
                        double top = (rgb[i00 + c] & 0xff) * gx + (rgb[i00 + 3 + c] & 0xff) * fx;
                        double bottom = (rgb[i10 + c] & 0xff) * gx + (rgb[i10 + 3 + c] & 0xff) * fx;
                        pixel = pixel << 8 | (int) Math.round(top * gy + bottom * fy);
                    }
                } else {
                    for (int c = 0; c < 3; c++) {
                        double top = sample(rgb, w, h, x0, y0, c) * gx + sample(rgb, w, h, x0 + 1, y0, c) * fx;
                        double bottom = sample(rgb, w, h, x0, y0 + 1, c) * gx + sample(rgb, w, h, x0 + 1, y0 + 1, c) * fx;
                        pixel = pixel << 8 | (int) Math.round(top * gy + bottom * fy);
                    }
                }
                pixels[v * width + u] = pixel;
            }
        }
        return out;
    }

    private static int sample(byte[] rgb, int width, int height, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
