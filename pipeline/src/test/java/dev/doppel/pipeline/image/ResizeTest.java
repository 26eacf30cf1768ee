package dev.doppel.pipeline.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ResizeTest {

    /** Training read its faces through AWT's filter; a model must be fed the same bytes at conversion. */
    @Test
    void shrinkingByAWholeFactorGivesAwtAreaAveragingsBytes() {
        Random random = new Random(7);
        BufferedImage crop = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                crop.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        for (int size : new int[] {64, 128}) {
            BufferedImage awt = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = awt.createGraphics();
            g.drawImage(crop.getScaledInstance(size, size, Image.SCALE_AREA_AVERAGING), 0, 0, null);
            g.dispose();
            BufferedImage resized = Resize.rgb(crop, size);
            assertThat(resized.getRGB(0, 0, size, size, null, 0, size)).as("%d px", size)
                    .isEqualTo(awt.getRGB(0, 0, size, size, null, 0, size));
        }
    }
}
