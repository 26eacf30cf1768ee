package dev.doppel.pipeline.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** A grid of labelled thumbnails: the quick look at what a face set holds. */
public final class ContactSheet {

    public record Tile(BufferedImage thumbnail, String caption) {
    }

    private static final int PADDING = 8;
    private static final int CAPTION_HEIGHT = 18;
    private static final Color BACKGROUND = new Color(0x20, 0x22, 0x26);

    private ContactSheet() {
    }

    public static BufferedImage compose(List<Tile> tiles, int cell, int columns) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("a contact sheet needs at least one tile");
        }
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int width = PADDING + cols * (cell + PADDING);
        int height = PADDING + rows * (cell + CAPTION_HEIGHT + PADDING);
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            int x = PADDING + (i % cols) * (cell + PADDING);
            int y = PADDING + (i / cols) * (cell + CAPTION_HEIGHT + PADDING);
            BufferedImage thumb = Thumbnails.fit(tile.thumbnail(), cell);
            g.drawImage(thumb, x + (cell - thumb.getWidth()) / 2, y + (cell - thumb.getHeight()) / 2, null);
            g.setColor(Color.LIGHT_GRAY);
            g.drawString(clip(tile.caption(), metrics, cell), x, y + cell + metrics.getAscent() + 2);
        }
        g.dispose();
        return sheet;
    }

    private static String clip(String caption, FontMetrics metrics, int width) {
        if (metrics.stringWidth(caption) <= width) {
            return caption;
        }
        String clipped = caption;
        while (!clipped.isEmpty() && metrics.stringWidth(clipped + "…") > width) {
            clipped = clipped.substring(0, clipped.length() - 1);
        }
        return clipped + "…";
    }
}
