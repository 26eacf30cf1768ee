package dev.doppel.pipeline.convert;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The optional visible mark, on top of the metadata label every output carries: a small
 * "AI-generated" tag in the lower right corner (SimSwap stamps one by default).
 */
public final class Watermark {

    static final String TEXT = "AI-generated · Doppel";

    private Watermark() {
    }

    public static void stamp(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int fontSize = Math.max(10, Math.min(image.getWidth(), image.getHeight()) / 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
        FontMetrics metrics = g.getFontMetrics();
        int pad = fontSize / 2;
        int width = metrics.stringWidth(TEXT) + 2 * pad;
        int height = metrics.getHeight() + pad;
        int x = Math.max(0, image.getWidth() - width - pad);
        int y = Math.max(0, image.getHeight() - height - pad);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
        g.setColor(Color.BLACK);
        g.fillRect(x, y, width, height);
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(Color.WHITE);
        g.drawString(TEXT, x + pad, y + pad / 2 + metrics.getAscent());
        g.dispose();
    }
}
