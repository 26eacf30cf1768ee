package dev.doppel.pipeline.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {

    @Test
    void aReplicatedBorderKeepsAFullPlaneFull() {
        byte[] grey = new byte[40 * 30];
        Arrays.fill(grey, (byte) 200);
        float[] weight = new float[40 * 30];
        Arrays.fill(weight, 1);

        GaussianBlur.blur(grey, 40, 30, 3, GaussianBlur.Border.REPLICATE);
        GaussianBlur.blur(weight, 40, 30, 3, GaussianBlur.Border.REPLICATE);

        for (int i = 0; i < grey.length; i++) {
            assertThat(grey[i] & 0xff).isEqualTo(200);
            assertThat(weight[i]).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void aZeroBorderFadesAFullPlaneAtItsEdgeOnly() {
        byte[] grey = new byte[40 * 30];
        Arrays.fill(grey, (byte) 200);
        float[] weight = new float[40 * 30];
        Arrays.fill(weight, 1);

        GaussianBlur.blur(grey, 40, 30, 3, GaussianBlur.Border.ZERO);
        GaussianBlur.blur(weight, 40, 30, 3, GaussianBlur.Border.ZERO);

        int centre = 15 * 40 + 20;
        assertThat(grey[centre] & 0xff).isEqualTo(200);
        assertThat(weight[centre]).isCloseTo(1f, within(1e-5f));
        // An edge's midpoint keeps the centre tap and one side of the kernel, a corner that squared.
        float edge = weight[15 * 40];
        assertThat(edge).isBetween(0.5f, 0.6f);
        assertThat(weight[0]).isCloseTo(edge * edge, within(1e-5f));
        assertThat(grey[0] & 0xff).isCloseTo(Math.round(200 * edge * edge), within(1));
    }
}
