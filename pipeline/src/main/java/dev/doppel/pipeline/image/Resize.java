package dev.doppel.pipeline.image;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Square images brought to another size by area averaging: extract keeps 256 px crops, the model
 * works at 64 or 128, and sampling a 4x smaller picture bilinearly would alias. Training and
 * conversion both shrink faces here, so the model is fed at conversion what it learnt from.
 */
public final class Resize {

    private Resize() {
    }

    /** A size x size TYPE_INT_RGB copy; the image itself when it is already that size. */
    public static BufferedImage rgb(BufferedImage image, int size) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getWidth() == image.getHeight()
                && image.getWidth() > size && image.getWidth() % size == 0) {
            return blockMeans(image, size);
        }
        return scaled(image, size, BufferedImage.TYPE_INT_RGB);
    }

    /**
     * Area averaging by a whole factor, as AWT's filter computes it (each block's mean, rounded
     * half up; the same bytes, checked) without its image-producer machinery, which cost more per
     * face than the warp that made the crop.
     */
    private static BufferedImage blockMeans(BufferedImage image, int size) {
        int side = image.getWidth();
        int factor = side / size;
        int area = factor * factor;
        int[] in = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = (y * factor + dy) * side + x * factor;
                    for (int dx = 0; dx < factor; dx++) {
                        int p = in[row + dx];
                        r += p >> 16 & 0xff;
                        g += p >> 8 & 0xff;
                        b += p & 0xff;
                    }
                }
                pixels[y * size + x] = rounded(r, area) << 16 | rounded(g, area) << 8 | rounded(b, area);
            }
        }
        return out;
    }

    private static int rounded(int sum, int area) {
        return (2 * sum + area) / (2 * area);
    }

    /** A size x size TYPE_BYTE_GRAY copy, as {@link PlanarImage#grey} reads; the image itself when it is already that size. */
    public static BufferedImage grey(BufferedImage image, int size) {
        return scaled(image, size, BufferedImage.TYPE_BYTE_GRAY);
    }

    private static BufferedImage scaled(BufferedImage image, int size, int type) {
        if (image.getWidth() == size && image.getHeight() == size) {
            return image;
        }
        BufferedImage out = new BufferedImage(size, size, type);
        Graphics2D g = out.createGraphics();
        g.drawImage(image.getScaledInstance(size, size, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return out;
    }
}
