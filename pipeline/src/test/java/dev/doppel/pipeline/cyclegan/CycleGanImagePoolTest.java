package dev.doppel.pipeline.cyclegan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class CycleGanImagePoolTest {

    @Test
    void passesFakesOnUntilFullThenShowsAnOlderOneAboutHalfTheTime() {
        ImagePool pool = new ImagePool(50, 2);
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            assertThat(pool.query(image(i), random)).containsExactly(image(i));
        }
        assertThat(pool.size()).isEqualTo(50);
        int older = 0;
        for (int i = 50; i < 1050; i++) {
            float[] shown = pool.query(image(i), random);
            if (shown[0] != i) {
                older++;
                assertThat(shown[0]).isLessThan(i);
            }
        }
        assertThat(older).isBetween(450, 550);
        assertThat(pool.size()).isEqualTo(50);
    }

    @Test
    void aRestoredPoolAnswersAsTheOriginalWould() {
        ImagePool original = new ImagePool(3, 2);
        Random random = new Random(5);
        for (int i = 0; i < 6; i++) {
            original.query(image(i), random);
        }
        ImagePool restored = ImagePool.restore(3, 2, original.contents());
        for (int i = 6; i < 20; i++) {
            long seed = 100 + i;
            assertThat(restored.query(image(i), new Random(seed))).containsExactly(original.query(image(i), new Random(seed)));
        }
        assertThat(restored.contents()).containsExactly(original.contents());
    }

    @Test
    void aPoolOfNoneShowsTheNewestFakes() {
        ImagePool pool = new ImagePool(0, 2);
        assertThat(pool.query(new float[] {1, 2, 3, 4}, new Random(1))).containsExactly(1, 2, 3, 4);
        assertThat(pool.size()).isZero();
    }

    private static float[] image(int i) {
        return new float[] {i, -i};
    }
}
