package dev.doppel.pipeline.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LabColourTest {

    @Test
    void placesWhiteAndRedWhereCieDoes() {
        float[] lab = LabColour.lab(new int[] {0xffffff, 0xff0000});

        assertThat(lab[0]).isCloseTo(100f, within(0.01f));
        assertThat(lab[1]).isCloseTo(0f, within(0.01f));
        assertThat(lab[2]).isCloseTo(0f, within(0.01f));
        // sRGB red in D65 L*a*b*, as OpenCV and colour-science give it.
        assertThat(lab[3]).isCloseTo(53.24f, within(0.01f));
        assertThat(lab[4]).isCloseTo(80.09f, within(0.02f));
        assertThat(lab[5]).isCloseTo(67.20f, within(0.02f));
    }

    @Test
    void roundTripsEveryColourOnAGridToTheSameLevels() {
        int[] pixels = new int[18 * 18 * 18];
        int n = 0;
        for (int r = 0; r < 256; r += 15) {
            for (int g = 0; g < 256; g += 15) {
                for (int b = 0; b < 256; b += 15) {
                    pixels[n++] = r << 16 | g << 8 | b;
                }
            }
        }

        int[] back = LabColour.rgb(LabColour.lab(pixels));

        for (int i = 0; i < pixels.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat(Levels.channel(back[i], c)).as("pixel %06x", pixels[i])
                        .isCloseTo(Levels.channel(pixels[i], c), within(0));
            }
        }
    }
}
