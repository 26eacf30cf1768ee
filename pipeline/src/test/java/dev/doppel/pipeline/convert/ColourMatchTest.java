package dev.doppel.pipeline.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.image.LabColour;
import dev.doppel.pipeline.image.Levels;

class ColourMatchTest {

    private static final int SIDE = 96;

    private final Random random = new Random(11);

    @Test
    void averageMovesTheMaskedMeanOntoTheOriginals() {
        BufferedImage swapped = noisy(new double[] {110, 85, 70}, 15);
        BufferedImage original = noisy(new double[] {160, 125, 105}, 25);
        BufferedImage mask = softDisc();

        BufferedImage result = ColourMatch.AVERAGE.apply(swapped, original, mask);

        ChannelStatistics want = ChannelStatistics.of(ChannelStatistics.rgb(pixels(original)), weights(mask));
        ChannelStatistics got = ChannelStatistics.of(ChannelStatistics.rgb(pixels(result)), weights(mask));
        for (int c = 0; c < 3; c++) {
            assertThat(got.mean()[c]).isCloseTo(want.mean()[c], within(0.5));
        }
    }

    @Test
    void reinhardMatchesMeanAndSpreadOfEachLabChannel() {
        BufferedImage swapped = noisy(new double[] {110, 85, 70}, 12);
        BufferedImage original = noisy(new double[] {150, 120, 130}, 22);
        BufferedImage mask = softDisc();

        BufferedImage result = ColourMatch.REINHARD.apply(swapped, original, mask);

        ChannelStatistics want = ChannelStatistics.of(LabColour.lab(pixels(original)), weights(mask));
        ChannelStatistics got = ChannelStatistics.of(LabColour.lab(pixels(result)), weights(mask));
        ChannelStatistics before = ChannelStatistics.of(LabColour.lab(pixels(swapped)), weights(mask));
        for (int c = 0; c < 3; c++) {
            assertThat(Math.abs(before.mean()[c] - want.mean()[c]) + Math.abs(before.std()[c] - want.std()[c])).isGreaterThan(2);
            assertThat(got.mean()[c]).as("mean of channel %d", c).isCloseTo(want.mean()[c], within(0.5));
            assertThat(got.std()[c]).as("spread of channel %d", c).isCloseTo(want.std()[c], within(0.5));
        }
    }

    @Test
    void reinhardOnlyShiftsAFlatFace() {
        BufferedImage swapped = flat(0x806050);
        BufferedImage original = noisy(new double[] {150, 120, 130}, 22);

        BufferedImage result = ColourMatch.REINHARD.apply(swapped, original, softDisc());

        int[] out = pixels(result);
        assertThat(Arrays.stream(out).distinct().count()).isEqualTo(1);
    }

    @Test
    void histogramMatchesTheOriginalsQuartiles() {
        BufferedImage swapped = image(c -> level(40 + 80 * random.nextDouble()));
        // Skewed towards the bright end, unlike the uniform swapped face.
        BufferedImage original = image(c -> level(250 - 190 * Math.pow(random.nextDouble(), 2)));
        BufferedImage mask = hardDisc();

        BufferedImage result = ColourMatch.HISTOGRAM.apply(swapped, original, mask);

        for (int c = 0; c < 3; c++) {
            int[] want = quartiles(original, mask, c);
            int[] got = quartiles(result, mask, c);
            for (int q = 0; q < 3; q++) {
                assertThat(got[q]).as("quartile %d of channel %d", q + 1, c).isCloseTo(want[q], within(2));
            }
        }
    }

    @Test
    void histogramMapsTheMaskedFaceOntoItselfUnchanged() {
        BufferedImage face = noisy(new double[] {120, 100, 90}, 30);
        BufferedImage mask = softDisc();

        int[] result = pixels(ColourMatch.HISTOGRAM.apply(face, face, mask));

        int[] before = pixels(face);
        float[] weights = weights(mask);
        for (int i = 0; i < result.length; i++) {
            if (weights[i] > 0) {
                assertThat(result[i] & 0xffffff).isEqualTo(before[i] & 0xffffff);
            }
        }
    }

    @Test
    void noneAndAnEmptyMaskLeaveThePixelsAlone() {
        BufferedImage swapped = noisy(new double[] {110, 85, 70}, 15);
        BufferedImage original = noisy(new double[] {160, 125, 105}, 25);
        BufferedImage empty = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);

        BufferedImage none = ColourMatch.NONE.apply(swapped, original, softDisc());
        BufferedImage masked = ColourMatch.REINHARD.apply(swapped, original, empty);

        assertThat(none.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(none).isNotSameAs(swapped);
        assertThat(pixels(none)).containsExactly(pixels(swapped));
        assertThat(pixels(masked)).containsExactly(pixels(swapped));
    }

    @Test
    void rejectsFacesOfDifferentSizes() {
        BufferedImage small = new BufferedImage(SIDE / 2, SIDE / 2, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> ColourMatch.AVERAGE.apply(flat(0), small, softDisc()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesNamesInAnyCase() {
        assertThat(ColourMatch.parse("Reinhard")).isEqualTo(ColourMatch.REINHARD);
        assertThat(ColourMatch.parse("HISTOGRAM")).isEqualTo(ColourMatch.HISTOGRAM);
        assertThat(ColourMatch.parse("none")).isEqualTo(ColourMatch.NONE);
        assertThatThrownBy(() -> ColourMatch.parse("rct"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rct'")
                .hasMessageContaining("none, average, reinhard, histogram");
    }

    private BufferedImage noisy(double[] mean, double std) {
        return image(c -> level(mean[c] + std * random.nextGaussian()));
    }

    /** Inside the face the per-channel source; outside, saturated junk that must not count. */
    private static BufferedImage image(IntUnaryOperator channel) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int rgb = channel.applyAsInt(0) << 16 | channel.applyAsInt(1) << 8 | channel.applyAsInt(2);
                image.setRGB(x, y, radius(x, y) > SIDE / 2.0 ? (x * 37 + y * 91) * 0x10305 & 0xffffff : rgb);
            }
        }
        return image;
    }

    private static BufferedImage flat(int rgb) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** 255 out to a third of the side, fading to 0 at half of it. */
    private static BufferedImage softDisc() {
        BufferedImage mask = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double t = (SIDE / 2.0 - radius(x, y)) / (SIDE / 6.0);
                mask.getRaster().setSample(x, y, 0, level(255 * Math.min(1, Math.max(0, t))));
            }
        }
        return mask;
    }

    private static BufferedImage hardDisc() {
        BufferedImage mask = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                mask.getRaster().setSample(x, y, 0, radius(x, y) < SIDE / 2.5 ? 255 : 0);
            }
        }
        return mask;
    }

    private static double radius(int x, int y) {
        return Math.hypot(x + 0.5 - SIDE / 2.0, y + 0.5 - SIDE / 2.0);
    }

    private static int level(double value) {
        return Levels.level(value);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, SIDE, SIDE, null, 0, SIDE);
    }

    private static float[] weights(BufferedImage mask) {
        int[] grey = mask.getRaster().getSamples(0, 0, SIDE, SIDE, 0, (int[]) null);
        float[] weights = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            weights[i] = grey[i] / 255f;
        }
        return weights;
    }

    private static int[] quartiles(BufferedImage image, BufferedImage mask, int c) {
        int[] pixels = pixels(image);
        int[] grey = mask.getRaster().getSamples(0, 0, SIDE, SIDE, 0, (int[]) null);
        int[] levels = new int[pixels.length];
        int n = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (grey[i] > 127) {
                levels[n++] = Levels.channel(pixels[i], c);
            }
        }
        int[] sorted = Arrays.copyOf(levels, n);
        Arrays.sort(sorted);
        return new int[] {sorted[n / 4], sorted[n / 2], sorted[3 * n / 4]};
    }
}
