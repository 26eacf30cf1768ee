package dev.doppel.pipeline.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactSheetTest {

    @Test
    void laysTilesOutInRowsAndDrawsEachThumbnailInItsCell() {
        List<ContactSheet.Tile> tiles = List.of(
                new ContactSheet.Tile(solid(400, 200, Color.RED), "a.jpg"),
                new ContactSheet.Tile(solid(100, 300, Color.GREEN), "b.png"),
                new ContactSheet.Tile(solid(50, 50, Color.BLUE), "a very long caption that will not fit in the cell.mp4"));

        BufferedImage sheet = ContactSheet.compose(tiles, 100, 2);

        assertThat(sheet.getWidth()).isEqualTo(8 + 2 * 108);
        assertThat(sheet.getHeight()).isEqualTo(8 + 2 * (100 + 18 + 8));
        assertThat(sheet.getRGB(8 + 50, 8 + 50) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(sheet.getRGB(116 + 50, 8 + 50) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(sheet.getRGB(8 + 50, 134 + 50) & 0xFFFFFF).isEqualTo(0x0000FF);
    }

    @Test
    void refusesAnEmptySheet() {
        assertThatThrownBy(() -> ContactSheet.compose(List.of(), 100, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }
}
