package dev.doppel.pipeline.animate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.motion.Keypoints;

class KeypointMotionTest {

    private static Keypoints one(float x, float y, float a, float b, float c, float d) {
        return new Keypoints(1, 1, new float[] {x, y}, new float[] {a, b, c, d});
    }

    @Test
    void aDriverAtItsNeutralFrameLeavesTheSourceAsItIs() {
        Keypoints source = one(0.2f, -0.1f, 1.1f, 0.1f, 0, 0.9f);
        Keypoints neutral = one(-0.3f, 0.4f, 0.8f, 0, 0.2f, 1.2f);
        Keypoints moved = KeypointMotion.relative(source, neutral, neutral);
        assertThat(moved.positions()).usingComparatorWithPrecision(1e-6f).containsExactly(source.positions());
        for (int i = 0; i < 4; i++) {
            assertThat(moved.jacobians()[i]).isCloseTo(source.jacobians()[i], within(1e-6f));
        }
    }

    @Test
    void theSourceMovesByTheDriversChangeAndTurnsAsTheDriverTurned() {
        Keypoints source = one(0.2f, -0.1f, 1, 0, 0, 1);
        Keypoints neutral = one(-0.3f, 0.4f, 2, 0, 0, 2);
        // Since its neutral frame the driver moved by (0.1, -0.2) and its neighbourhood turned by 90 degrees.
        Keypoints driving = one(-0.2f, 0.2f, 0, -2, 2, 0);
        Keypoints moved = KeypointMotion.relative(source, driving, neutral);
        assertThat(moved.positions()[0]).isCloseTo(0.3f, within(1e-6f));
        assertThat(moved.positions()[1]).isCloseTo(-0.3f, within(1e-6f));
        assertThat(moved.jacobians()).usingComparatorWithPrecision(1e-6f).containsExactly(0, -1, 1, 0);
    }
}
