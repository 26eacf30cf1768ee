package dev.doppel.pipeline.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.ModelSettings;

class SameDiffMotionModelTest {

    @Test
    void registersAsFommOnSameDiff() {
        ModelImplementation implementation = SameDiffMotionModel.implementation();
        assertThat(implementation.key()).isEqualTo("fomm/samediff");
        assertThat(implementation.formatVersion()).isEqualTo(1);
        try (var model = implementation.create(new ModelSettings(64, 0.25, 2e-4, 1))) {
            assertThat(model).isInstanceOf(MotionModel.class);
            assertThat(((SameDiffMotionModel) model).options().keypoints()).isEqualTo(10);
            assertThat(((SameDiffMotionModel) model).options().motionSide()).as("a quarter, as the reference").isEqualTo(16);
            assertThat(model.resolution()).isEqualTo(64);
        }
        assertThatThrownBy(() -> MotionOptions.of(MotionOptions.FOMM, new ModelSettings(96, 1, 2e-4, 1))).hasMessageContaining("power of two");
    }

    @Test
    void findsKeypointsInTheFrameWithIdentityJacobiansAndAnimatesDeterministically() {
        try (SameDiffMotionModel model = SameDiffMotionModel.create(MotionTrainingTest.TINY)) {
            FaceBatch frames = random(2, 32, 1);
            Keypoints found = model.keypoints(frames);
            assertThat(found.frames()).isEqualTo(2);
            assertThat(found.count()).isEqualTo(5);
            for (float p : found.positions()) {
                assertThat(p).isBetween(-1f, 1f);
            }
            for (int i = 0; i < found.jacobians().length; i++) {
                assertThat(found.jacobians()[i]).as("the Jacobians start at the identity").isCloseTo(i % 4 == 0 || i % 4 == 3 ? 1f : 0f, within(1e-5f));
            }
            assertThat(model.keypoints(frames).positions()).containsExactly(found.positions());

            FaceBatch animated = model.animate(frames, found, model.keypoints(random(2, 32, 2)));
            assertThat(animated.count()).isEqualTo(2);
            for (float p : animated.pixels()) {
                assertThat(p).isBetween(0f, 1f);
            }
            assertThat(model.animate(frames, found, model.keypoints(random(2, 32, 2))).pixels()).containsExactly(animated.pixels());
            assertThatThrownBy(() -> model.animate(random(1, 32, 3), found, found)).hasMessageContaining("keypoints for each");
        }
    }

    static FaceBatch random(int count, int size, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * 3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return new FaceBatch(count, size, pixels);
    }
}
