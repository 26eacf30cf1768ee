package dev.doppel.pipeline.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeamlessCloneTest {

    private static final int SIDE = 200;
    private static final int[] FRAME_COLOUR = {60, 90, 120};
    private static final int[] FACE_COLOUR = {200, 150, 100};
    private static final Patches.Colour TEXTURED =
            (u, v, c) -> (float) (FACE_COLOUR[c] + 15 * Math.sin(u / 3.0) * Math.cos(v / 4.0));

    @Test
    void keepsTheFacesTextureAndTakesTheFramesColourAtItsEdge() {
        byte[] frame = Patches.frame(SIDE, SIDE, (i, c) -> FRAME_COLOUR[c]);
        FacePatch patch = Patches.disc(40, 40, 120, 50, TEXTURED);

        SeamlessClone.Solution solution = SeamlessClone.blend(patch, frame, SIDE, SIDE, BlendOptions.DEFAULT);

        assertThat(solution.residual()).isLessThan(SeamlessClone.TOLERANCE);
        assertThat(solution.sweeps()).isLessThan(SeamlessClone.MAX_SWEEPS);
        double[] edge = new double[3];
        double[] middle = new double[3];
        int edgePixels = 0;
        int middlePixels = 0;
        for (int v = 1; v < 119; v++) {
            for (int u = 1; u < 119; u++) {
                int f = ((40 + v) * SIDE + 40 + u) * 3;
                if (!inside(patch, u, v)) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(frame[f + c] & 0xff).isEqualTo(FRAME_COLOUR[c]);
                    }
                } else if (!inside(patch, u - 1, v) || !inside(patch, u + 1, v) || !inside(patch, u, v - 1) || !inside(patch, u, v + 1)) {
                    edgePixels++;
                    for (int c = 0; c < 3; c++) {
                        edge[c] += frame[f + c] & 0xff;
                    }
                } else if (Math.hypot(u + 0.5 - 60, v + 0.5 - 60) < 40) {
                    middlePixels++;
                    for (int c = 0; c < 3; c++) {
                        middle[c] += frame[f + c] & 0xff;
                        // The face's own gradient, to within the rounding of both pixels.
                        int step = (frame[f + 3 + c] & 0xff) - (frame[f + c] & 0xff);
                        assertThat((double) step).isCloseTo(TEXTURED.at(u + 1, v, c) - TEXTURED.at(u, v, c), within(1.5));
                    }
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            assertThat(edge[c] / edgePixels).as("edge, channel %d", c).isCloseTo(FRAME_COLOUR[c], within(3.0));
            assertThat(middle[c] / middlePixels).as("middle, channel %d", c).isCloseTo(FRAME_COLOUR[c], within(5.0));
        }
    }

    @Test
    void leavesTheFrameOutsideTheRegionAloneWhenClipped() {
        byte[] frame = Patches.frame(SIDE, SIDE, (i, c) -> (i * 31 + c * 7) % 256);
        byte[] before = frame.clone();
        FacePatch patch = Patches.disc(130, -40, 120, 50, TEXTURED);

        BlendMode.SEAMLESS.blend(patch, frame, SIDE, SIDE, BlendOptions.DEFAULT);

        int changed = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int f = (y * SIDE + x) * 3;
                if (!inside(patch, x - patch.x(), y - patch.y())) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(frame[f + c]).isEqualTo(before[f + c]);
                    }
                } else if (frame[f] != before[f]) {
                    changed++;
                }
            }
        }
        assertThat(changed).isGreaterThan(1000);
    }

    private static boolean inside(FacePatch patch, int u, int v) {
        return u >= 0 && v >= 0 && u < patch.width() && v < patch.height() && patch.alpha()[v * patch.width() + u] > 0.5f;
    }
}
