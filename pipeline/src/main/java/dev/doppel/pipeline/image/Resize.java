package dev.doppel.pipeline.image;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;

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
        return scaled(image, size, BufferedImage.TYPE_INT_RGB);
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
