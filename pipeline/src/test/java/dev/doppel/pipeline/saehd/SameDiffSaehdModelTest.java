package dev.doppel.pipeline.saehd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.TranslatedFaces;
import dev.doppel.pipeline.swap.Identity;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.pipeline.swap.TrainingBatch;

class SameDiffSaehdModelTest {

    private static final int R = 64;
    private static final int BATCH = 4;

    /**
     * Tiny widths, and a learning rate 20x DFL's, so that one AdaBelief step from a fresh state
     * moves the next loss well outside the resume tolerance: at 5e-5 a lost state would go unnoticed.
     */
    static SaehdOptions tiny(String design, int aeDims, long seed) {
        return tiny(design, aeDims, seed, 2e-4);
    }

    static SaehdOptions tiny(String design, int aeDims, long seed, double learningRate) {
        return SaehdOptions.of(new ModelSettings(R, 1.0, learningRate, seed,
                Map.of("design", design, "aeDims", aeDims, "eDims", 8, "dDims", 8, "dMaskDims", 4)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"df", "liae", "df-ud", "liae-ud"})
    void drawsFacesAndMasksAsEitherPerson(String design) {
        FaceBatch faces = SyntheticFaces.batch(2, R, 9).target();
        try (SameDiffSaehdModel model = SameDiffSaehdModel.create(tiny(design, 32, 1))) {
            assertThat(model.predictsMasks()).isTrue();
            for (Identity side : Identity.values()) {
                TranslatedFaces drawn = model.translateWithMasks(faces, side.name());
                assertThat(drawn.faces().count()).isEqualTo(2);
                assertThat(drawn.faces().size()).isEqualTo(R);
                assertThat(drawn.masks()).hasSize(2 * R * R);
                assertInUnitRange(drawn.faces().pixels());
                assertInUnitRange(drawn.masks());
                assertThat(model.decode(faces, side).pixels()).containsExactly(drawn.faces().pixels());
            }
            StepLosses losses = model.trainStep(SyntheticFaces.batch(BATCH, R, 1), SyntheticFaces.batch(BATCH, R, 2));
            assertThat(losses.more()).containsOnlyKeys(SwapTraining.MASK_A, SwapTraining.MASK_B);
            // A sigmoid mask starts near 0.5 everywhere: 10 x MSE against a 0/1 mask is about 2.5.
            assertThat(losses.more().get(SwapTraining.MASK_A)).isCloseTo(2.5, within(0.1));
            // The reconstruction is the side's loss without its mask term: the named losses add up to the whole.
            assertThat(losses.lossA()).isPositive().isFinite();
            assertThat(losses.lossB()).isPositive().isFinite();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"df-ud", "liae-ud"})
    void learnsFacesAndMasks(String design) {
        TrainingBatch a = SyntheticFaces.batch(BATCH, R, 1);
        TrainingBatch b = SyntheticFaces.batch(BATCH, R, 2);
        // 10x DFL's learning rate: the trend shows within 30 steps.
        try (SameDiffSaehdModel model = SameDiffSaehdModel.create(tiny(design, 32, 3, 5e-4))) {
            StepLosses first = model.trainStep(a, b);
            StepLosses last = first;
            for (int i = 0; i < 30; i++) {
                last = model.trainStep(a, b);
            }
            System.out.printf("%s: loss A+B %.3f -> %.3f, masks %.3f -> %.3f%n", design,
                    first.lossA() + first.lossB(), last.lossA() + last.lossB(), masks(first), masks(last));
            assertThat(last.lossA() + last.lossB()).isLessThan(0.85 * (first.lossA() + first.lossB()));
            assertThat(masks(last)).isLessThan(masks(first) - 0.1);
        }
    }

    @Test
    void resumesFromASaveWithItsOptimiserState(@TempDir Path dir) throws IOException {
        TrainingBatch[] a = {SyntheticFaces.batch(BATCH, R, 1), SyntheticFaces.batch(BATCH, R, 2), SyntheticFaces.batch(BATCH, R, 3), SyntheticFaces.batch(BATCH, R, 4)};
        TrainingBatch[] b = {SyntheticFaces.batch(BATCH, R, 5), SyntheticFaces.batch(BATCH, R, 6), SyntheticFaces.batch(BATCH, R, 7), SyntheticFaces.batch(BATCH, R, 8)};
        FaceBatch probe = SyntheticFaces.batch(2, R, 9).target();
        SaehdOptions options = tiny("liae-ud", 32, 5);
        StepLosses[] straight = new StepLosses[4];
        TranslatedFaces saved;
        try (SameDiffSaehdModel model = SameDiffSaehdModel.create(options)) {
            straight[0] = model.trainStep(a[0], b[0]);
            straight[1] = model.trainStep(a[1], b[1]);
            model.save(dir);
            saved = model.translateWithMasks(probe, "B");
            straight[2] = model.trainStep(a[2], b[2]);
            straight[3] = model.trainStep(a[3], b[3]);
        }
        try (SameDiffSaehdModel model = SameDiffSaehdModel.load(dir)) {
            assertThat(model.iteration()).isEqualTo(2);
            assertThat(model.options()).isEqualTo(options);
            TranslatedFaces loaded = model.translateWithMasks(probe, "B");
            assertThat(loaded.faces().pixels()).containsExactly(saved.faces().pixels(), within(1e-6f));
            assertThat(loaded.masks()).containsExactly(saved.masks(), within(1e-6f));
            StepLosses third = model.trainStep(a[2], b[2]);
            // The fourth step's loss depends on the third's update, so on the restored optimiser state.
            StepLosses fourth = model.trainStep(a[3], b[3]);
            assertThat(third.lossA()).isCloseTo(straight[2].lossA(), within(1e-5));
            assertThat(fourth.lossA()).isCloseTo(straight[3].lossA(), within(1e-5));
            assertThat(fourth.lossB()).isCloseTo(straight[3].lossB(), within(1e-5));
            assertThat(masks(fourth)).isCloseTo(masks(straight[3]), within(1e-5));
            assertThat(fourth.iteration()).isEqualTo(4);
        }
    }

    @Test
    void startsFromABaseModelsWeights() {
        TrainingBatch a = SyntheticFaces.batch(BATCH, R, 1);
        TrainingBatch b = SyntheticFaces.batch(BATCH, R, 2);
        FaceBatch probe = SyntheticFaces.batch(2, R, 9).target();
        try (SameDiffSaehdModel base = SameDiffSaehdModel.create(tiny("liae-ud", 32, 3));
             SameDiffSaehdModel tuned = SameDiffSaehdModel.create(tiny("liae-ud", 32, 4));
             SameDiffSaehdModel scratch = SameDiffSaehdModel.create(tiny("liae-ud", 32, 4))) {
            for (int i = 0; i < 20; i++) {
                base.trainStep(a, b);
            }
            assertThat(tuned.startFrom(base)).containsExactly("encoder", "interAB", "interA", "decoder");
            assertThat(tuned.iteration()).isZero();
            assertThat(tuned.translateWithMasks(probe, "A").masks()).containsExactly(base.translateWithMasks(probe, "A").masks());
            StepLosses fromBase = tuned.trainStep(a, b);
            StepLosses fromScratch = scratch.trainStep(a, b);
            assertThat(fromBase.lossA() + fromBase.lossB()).isLessThan(0.95 * (fromScratch.lossA() + fromScratch.lossB()));
            assertThatThrownBy(() -> tuned.startFrom(base)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesABaseBuiltDifferently() {
        try (SameDiffSaehdModel model = SameDiffSaehdModel.create(tiny("df-ud", 32, 1));
             SameDiffSaehdModel narrower = SameDiffSaehdModel.create(tiny("df-ud", 16, 1));
             SameDiffSaehdModel liae = SameDiffSaehdModel.create(tiny("liae-ud", 32, 1));
             SameDiffSwapModel original = SameDiffSwapModel.create(new SwapModelOptions(64, 0.125, 1e-3, 1))) {
            assertThatThrownBy(() -> model.startFrom(narrower)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("aeDims 16 instead of 32");
            assertThatThrownBy(() -> model.startFrom(liae)).hasMessageContaining("design liae-ud instead of df-ud");
            assertThatThrownBy(() -> model.startFrom(original)).hasMessageContaining("SameDiffSwapModel");
        }
    }

    @Test
    void trainsThroughItsImplementationAsTheWorkerBuildsIt() {
        ModelSettings settings = new ModelSettings(64, 0.25, 5e-5, 1, Map.of("design", "liae-ud", "aeDims", 32));
        try (SameDiffSaehdModel model = (SameDiffSaehdModel) SameDiffSaehdModel.implementation().create(settings)) {
            long start = System.nanoTime();
            StepLosses losses = model.trainStep(SyntheticFaces.batch(2, R, 1), SyntheticFaces.batch(2, R, 2));
            System.out.printf("liae-ud 64 px at 0.25 width: %d parameters, first step of 2+2 %.0f ms%n",
                    model.parameterCount(), (System.nanoTime() - start) / 1e6);
            assertThat(losses.lossA()).isFinite();
            assertThat(model.options().dMaskDims()).isEqualTo(22);
        }
    }

    /**
     * DFL's liae-ud at 128 px, ae 256, e 64, d 64, mask 22, counted layer by layer from
     * DeepFakeArchi.py: the graph builds the same layers.
     */
    @Test
    void liaeUdAt128HasDeepFaceLabsLayers() {
        long encoder = conv(5, 3, 64) + conv(5, 64, 128) + conv(5, 128, 256) + conv(5, 256, 512);
        long inter = dense(512L * 8 * 8, 256) + dense(256, 4 * 4 * 512) + conv(3, 512, 512 * 4);
        long decoder = conv(3, 1024, 512 * 4) + 2 * conv(3, 512, 512)
                + conv(3, 512, 256 * 4) + 2 * conv(3, 256, 256)
                + conv(3, 256, 128 * 4) + 2 * conv(3, 128, 128)
                + conv(1, 128, 3) + 3 * conv(3, 128, 3)
                + conv(3, 1024, 176 * 4) + conv(3, 176, 88 * 4) + conv(3, 88, 44 * 4) + conv(3, 44, 22 * 4) + conv(1, 22, 1);
        SaehdOptions dfl = SaehdOptions.of(new ModelSettings(128, 1.0, 5e-5, 1));
        try (SameDiffSaehdModel model = SameDiffSaehdModel.create(dfl)) {
            assertThat(model.parameterCount()).isEqualTo(encoder + 2 * inter + decoder);
            System.out.printf("liae-ud 128 px, DFL's dims: %.2f M parameters%n", model.parameterCount() / 1e6);
        }
    }

    private static void assertInUnitRange(float[] values) {
        for (float v : values) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    private static long conv(int kernel, long in, long out) {
        return kernel * kernel * in * out + out;
    }

    private static long dense(long in, long out) {
        return in * out + out;
    }

    private static double masks(StepLosses losses) {
        return losses.more().get(SwapTraining.MASK_A) + losses.more().get(SwapTraining.MASK_B);
    }
}
