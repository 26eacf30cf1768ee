package dev.doppel.pipeline.reenact;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.face.LandmarkSet;

class LandmarkSketchTest {

    /** Regenerate with -Dsketch.golden.write=true after a deliberate change to how sketches are drawn, and look at it. */
    private static final String GOLDEN = "/reenact/sketch-golden.png";

    @Test
    void drawsEachPartInItsColourAsTheGoldenImage() throws IOException {
        LandmarkSet landmarks = SyntheticSketchFaces.landmarks(128, 0.6, 1, 0, 0);
        BufferedImage sketch = LandmarkSketch.draw(landmarks, 128);
        if (Boolean.getBoolean("sketch.golden.write")) {
            ImageIO.write(sketch, "png", Files.createDirectories(Path.of("src/test/resources/reenact")).resolve("sketch-golden.png").toFile());
        }
        BufferedImage golden;
        try (InputStream in = LandmarkSketchTest.class.getResourceAsStream(GOLDEN)) {
            golden = ImageIO.read(in);
        }
        int differing = 0;
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                if ((sketch.getRGB(x, y) & 0xffffff) != (golden.getRGB(x, y) & 0xffffff)) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels unlike the golden sketch").isZero();
    }

    @Test
    void partsHaveTheirOwnColoursAndLinesScaleWithTheSide() {
        LandmarkSet landmarks = SyntheticSketchFaces.landmarks(64, 0.6, 1, 0, 0);
        BufferedImage sketch = LandmarkSketch.draw(landmarks, 64);
        LandmarkSet.Point chin = landmarks.points().get(8);
        LandmarkSet.Point lip = landmarks.points().get(51);
        assertThat(sketch.getRGB((int) Math.round(chin.x()), (int) Math.round(chin.y())) & 0xffffff).isEqualTo(0xff0000);
        assertThat(sketch.getRGB((int) Math.round(lip.x()), (int) Math.round(lip.y())) & 0xffffff).isEqualTo(0xff00ff);
        assertThat(sketch.getRGB(1, 1) & 0xffffff).as("background").isZero();
        assertThat(lit(LandmarkSketch.draw(SyntheticSketchFaces.landmarks(128, 0.6, 1, 0, 0), 128)))
                .as("twice the side, lines twice as wide: about four times the lit pixels")
                .isBetween(3 * lit(sketch), 5 * lit(sketch));
    }

    private static int lit(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) != 0 ? 1 : 0;
            }
        }
        return n;
    }
}
