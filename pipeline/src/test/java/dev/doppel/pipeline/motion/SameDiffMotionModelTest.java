package dev.doppel.pipeline.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.NamedLosses;

class SameDiffMotionModelTest {

    @Test
    void timesAStep() {
        for (double width : new double[] {1, 0.5, 0.25}) {
            try (SameDiffMotionModel model = SameDiffMotionModel.create(new ModelSettings(64, width, 2e-4, 3))) {
                FaceBatch a = random(4, 64, 1);
                FaceBatch b = random(4, 64, 2);
                model.trainStep(a, b);
                long started = System.nanoTime();
                NamedLosses losses = null;
                for (int i = 0; i < 3; i++) {
                    losses = model.trainStep(a, b);
                }
                System.out.printf("width %.2f: %d parameters, %.0f ms/step, %s%n", width, model.parameterCount(),
                        (System.nanoTime() - started) / 3e6, losses.values());
            }
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
