package dev.doppel.pipeline.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FeatherBlendTest {

    private static final int WIDTH = 200;
    private static final int HEIGHT = 160;

    @Test
    void leavesEveryPixelOutsideTheMaskByteForByte() {
        byte[] frame = Patches.frame(WIDTH, HEIGHT, noise(5));
        byte[] before = frame.clone();
        FacePatch patch = Patches.disc(50, 40, 80, 30, (u, v, c) -> 200 + 10 * c);

        BlendMode.FEATHER.blend(patch, frame, WIDTH, HEIGHT, BlendOptions.DEFAULT);

        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (alphaAt(patch, x, y) == 0) {
                    assertPixel(frame, before, x, y);
                }
            }
        }
    }

    @Test
    void landsThePatchExactlyDeepInsideTheMask() {
        byte[] frame = Patches.frame(WIDTH, HEIGHT, noise(6));
        FacePatch patch = Patches.disc(50, 40, 80, 30, (u, v, c) -> 20 + u + v + 30.4f * c);

        BlendMode.FEATHER.blend(patch, frame, WIDTH, HEIGHT, BlendOptions.DEFAULT);

        int deep = 0;
        for (int v = 0; v < 80; v++) {
            for (int u = 0; u < 80; u++) {
                if (Math.hypot(u + 0.5 - 40, v + 0.5 - 40) < 22) {
                    int f = ((40 + v) * WIDTH + 50 + u) * 3;
                    for (int c = 0; c < 3; c++) {
                        assertThat(frame[f + c] & 0xff).isEqualTo(Math.round(patch.rgb()[(v * 80 + u) * 3 + c]));
                    }
                    deep++;
                }
            }
        }
        assertThat(deep).isGreaterThan(1000);
    }

    @Test
    void fadesAcrossTheEdgeRatherThanCuttingIt() {
        byte[] frame = new byte[WIDTH * HEIGHT * 3];
        FacePatch patch = Patches.disc(50, 40, 80, 30, (u, v, c) -> 240);

        BlendMode.FEATHER.blend(patch, frame, WIDTH, HEIGHT, new BlendOptions(0, 0.05));

        // Along the row through the centre, from the middle outwards: falling, through mid-grey.
        int row = (40 + 40) * WIDTH * 3;
        int previous = 255;
        boolean midway = false;
        for (int x = 90; x < 130; x++) {
            int level = frame[row + 3 * x] & 0xff;
            assertThat(level).isLessThanOrEqualTo(previous);
            midway |= level > 60 && level < 180;
            previous = level;
        }
        assertThat(midway).isTrue();
        assertThat(previous).isZero();
    }

    @Test
    void erosionShrinksTheChangedArea() {
        FacePatch patch = Patches.disc(50, 40, 80, 30, (u, v, c) -> 200);
        byte[] plain = new byte[WIDTH * HEIGHT * 3];
        byte[] eroded = new byte[WIDTH * HEIGHT * 3];

        BlendMode.FEATHER.blend(patch, plain, WIDTH, HEIGHT, new BlendOptions(0, 0));
        BlendMode.FEATHER.blend(patch, eroded, WIDTH, HEIGHT, new BlendOptions(0.1, 0));

        int plainArea = 0;
        int erodedArea = 0;
        for (int i = 0; i < plain.length; i += 3) {
            plainArea += plain[i] != 0 ? 1 : 0;
            erodedArea += eroded[i] != 0 ? 1 : 0;
            if (eroded[i] != 0) {
                assertThat(plain[i]).isNotZero();
            }
        }
        // A tenth of the face's side, about 5 px, off a disc of radius 30.
        assertThat(erodedArea).isBetween((int) (plainArea * 0.6), (int) (plainArea * 0.8));
    }

    @Test
    void clipsAPatchHangingOverTheFramesCorner() {
        byte[] frame = Patches.frame(WIDTH, HEIGHT, noise(7));
        byte[] before = frame.clone();
        FacePatch patch = Patches.disc(-30, 110, 80, 36, (u, v, c) -> 250);

        BlendMode.FEATHER.blend(patch, frame, WIDTH, HEIGHT, BlendOptions.DEFAULT);

        assertThat(frame[((110 + 40) * WIDTH + 10) * 3] & 0xff).isEqualTo(250);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (alphaAt(patch, x, y) == 0) {
                    assertPixel(frame, before, x, y);
                }
            }
        }
        byte[] far = Patches.frame(WIDTH, HEIGHT, noise(7));
        BlendMode.FEATHER.blend(Patches.disc(-300, 500, 80, 36, (u, v, c) -> 250), far, WIDTH, HEIGHT, BlendOptions.DEFAULT);
        assertThat(far).isEqualTo(before);
    }

    @Test
    void aPatchWithoutAFaceChangesNothing() {
        byte[] frame = Patches.frame(WIDTH, HEIGHT, noise(8));
        byte[] before = frame.clone();

        BlendMode.FEATHER.blend(Patches.disc(50, 40, 80, 0, (u, v, c) -> 250), frame, WIDTH, HEIGHT, BlendOptions.DEFAULT);

        assertThat(frame).isEqualTo(before);
    }

    @Test
    void rejectsMisshapenInput() {
        assertThatThrownBy(() -> new FacePatch(0, 0, 4, 4, new float[47], new float[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlendOptions(-0.1, 0.02)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlendOptions(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        FacePatch patch = Patches.disc(0, 0, 8, 3, (u, v, c) -> 0);
        assertThatThrownBy(() -> BlendMode.FEATHER.blend(patch, new byte[10], 2, 2, BlendOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesNamesInAnyCase() {
        assertThat(BlendMode.parse("Feather")).isEqualTo(BlendMode.FEATHER);
        assertThat(BlendMode.parse("SEAMLESS")).isEqualTo(BlendMode.SEAMLESS);
        assertThatThrownBy(() -> BlendMode.parse("poisson"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'poisson'")
                .hasMessageContaining("feather, seamless");
    }

    private static java.util.function.IntBinaryOperator noise(long seed) {
        Random random = new Random(seed);
        return (i, c) -> random.nextInt(256);
    }

    private static float alphaAt(FacePatch patch, int x, int y) {
        int u = x - patch.x();
        int v = y - patch.y();
        if (u < 0 || v < 0 || u >= patch.width() || v >= patch.height()) {
            return 0;
        }
        return patch.alpha()[v * patch.width() + u];
    }

    private static void assertPixel(byte[] frame, byte[] before, int x, int y) {
        int f = (y * WIDTH + x) * 3;
        for (int c = 0; c < 3; c++) {
            assertThat(frame[f + c]).as("(%d, %d) channel %d", x, y, c).isEqualTo(before[f + c]);
        }
    }
}
