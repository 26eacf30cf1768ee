package dev.doppel.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.doppel.pipeline.swap.FaceBatch;
import dev.doppel.pipeline.swap.Identity;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.TrainingBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with oneDNN capped at SSE4.1 (see the pom): its AVX kernels gave NaN gradients now and then. */
class TorchSwapModelTest {

    private static final int BATCH = 4;

    @Test
    void fullWidthOriginalHas82MillionParametersAnd365GigaflopsPerStep() {
        try (TorchSwapModel model = TorchSwapModel.create(SwapModelOptions.original64())) {
            // faceswap's Original as published: 82.06 M, the figure the SameDiff version must match too.
            assertThat(model.parameterCount()).isEqualTo(82_062_470L);
            // STACK.md's 365 GFLOP per 16 + 16 step: multiply-adds x 2 x 3 (forward and backward).
            assertThat(model.multiplyAddsPerFace() * 2 * 3 * 32 / 1e9).isCloseTo(365, within(1.0));
        }
    }

    @Test
    void decodesIntoFacesOfTheSameShapeInTheUnitRange() {
        for (int resolution : new int[] {64, 128}) {
            try (TorchSwapModel model = TorchSwapModel.create(new SwapModelOptions(resolution, 0.125, 5e-5, 1))) {
                FaceBatch faces = SyntheticFaces.batch(BATCH, resolution, 2).target();
                for (Identity identity : Identity.values()) {
                    FaceBatch out = model.decode(faces, identity);
                    assertThat(out.count()).isEqualTo(BATCH);
                    assertThat(out.size()).isEqualTo(resolution);
                    for (float v : out.pixels()) {
                        assertThat(v).isBetween(0f, 1f);
                    }
                }
            }
        }
    }

    @Test
    void trainingStepsLowerTheLossOfBothIdentities() {
        TrainingBatch a = SyntheticFaces.batch(BATCH, 64, 10);
        TrainingBatch b = SyntheticFaces.batch(BATCH, 64, 20);
        try (TorchSwapModel model = TorchSwapModel.create(new SwapModelOptions(64, 0.25, 1e-3, 3))) {
            StepLosses first = model.trainStep(a, b);
            StepLosses last = first;
            for (int i = 0; i < 7; i++) {
                last = model.trainStep(a, b);
            }
            assertThat(last.iteration()).isEqualTo(8);
            assertThat(last.lossA()).isLessThan(first.lossA() * 0.8);
            assertThat(last.lossB()).isLessThan(first.lossB() * 0.8);
        }
    }

    @Test
    void savedModelDecodesAndTrainsOnExactlyLikeTheOriginal(@TempDir Path directory) throws Exception {
        TrainingBatch a = SyntheticFaces.batch(BATCH, 64, 30);
        TrainingBatch b = SyntheticFaces.batch(BATCH, 64, 40);
        SwapModelOptions options = new SwapModelOptions(64, 0.25, 1e-3, 4);
        try (TorchSwapModel original = TorchSwapModel.create(options)) {
            original.trainStep(a, b);
            original.trainStep(a, b);
            original.save(directory);
            try (TorchSwapModel loaded = TorchSwapModel.load(directory)) {
                assertThat(loaded.options()).isEqualTo(options);
                assertThat(loaded.iteration()).isEqualTo(2);
                assertThat(loaded.parameterCount()).isEqualTo(original.parameterCount());
                assertThat(loaded.decode(a.target(), Identity.B).pixels())
                        .containsExactly(original.decode(a.target(), Identity.B).pixels());
                // Same losses on the next step only if Adam's moments came back too.
                StepLosses next = original.trainStep(a, b);
                StepLosses resumed = loaded.trainStep(a, b);
                assertThat(resumed).isEqualTo(next);
            }
        }
    }
}
