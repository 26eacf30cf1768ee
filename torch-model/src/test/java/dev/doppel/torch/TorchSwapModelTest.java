package dev.doppel.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.swap.Identity;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.TrainingBatch;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs at the CPU's default instruction set: oneDNN's AVX2 / AVX-512 kernels, not a capped ISA. */
class TorchSwapModelTest {

    private static final int BATCH = 4;

    @Test
    void fullWidthOriginalHas82MillionParametersAnd365GigaflopsPerStep() {
        try (TorchSwapModel model = TorchSwapModel.create(SwapModelOptions.original64())) {
            // faceswap's Original as published: 82.06 M, the figure the SameDiff version must match too.
            assertThat(model.parameterCount()).isEqualTo(82_062_470L);
            // The 365 GFLOP per 16 + 16 step: multiply-adds x 2 x 3 (forward and backward).
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

    /**
     * The loss's gradient must not change when the garbage collector runs between forward and
     * backward. It did: DJL backs {@code mul(2)}-style numbers with Java direct buffers that it
     * frees on close while autograd still holds them, so after a GC the backward pass read freed
     * memory: gradients off by a few percent to 1e7 times, at times Inf or NaN (the "NaN steps"
     * once blamed on oneDNN's AVX kernels, which capping oneDNN at SSE4.1 only hid).
     */
    @Test
    void fromSameDiffsWeightsBothEnginesTrainTheSameNetwork() {
        // Padding, layouts, loss and Adam all show in the losses: a pixel's shift in one conv's padding moves them by 1e-2.
        SwapModelOptions options = new SwapModelOptions(64, 0.125, 1e-3, 5);
        TrainingBatch a = SyntheticFaces.batch(BATCH, 64, 30);
        TrainingBatch b = SyntheticFaces.batch(BATCH, 64, 40);
        try (SameDiffSwapModel sameDiff = SameDiffSwapModel.create(options); TorchSwapModel torch = TorchSwapModel.create(options)) {
            SameWeights.copy(sameDiff, torch);
            FaceBatch faces = a.target();
            float[] fromSameDiff = sameDiff.decode(faces, Identity.B).pixels();
            float[] fromTorch = torch.decode(faces, Identity.B).pixels();
            double worst = 0;
            for (int i = 0; i < fromTorch.length; i++) {
                worst = Math.max(worst, Math.abs(fromTorch[i] - fromSameDiff[i]));
            }
            assertThat(worst).isLessThan(1e-4);
            for (int step = 1; step <= 3; step++) {
                StepLosses t = torch.trainStep(a, b);
                StepLosses s = sameDiff.trainStep(a, b);
                assertThat(t.lossA()).as("loss A at step %d", step).isCloseTo(s.lossA(), within(1e-4));
                assertThat(t.lossB()).as("loss B at step %d", step).isCloseTo(s.lossB(), within(1e-4));
            }
        }
    }

    @Test
    void refusesAModelSavedWithTheEarlierSymmetricPadding(@TempDir Path directory) throws Exception {
        try (TorchSwapModel model = TorchSwapModel.create(new SwapModelOptions(64, 0.125, 1e-3, 5))) {
            model.save(directory);
        }
        Path header = SavedModel.header(directory);
        Files.writeString(header, Files.readString(header).replace(SavedModel.FORMAT, "doppel-original-torch/1"));
        assertThatThrownBy(() -> TorchSwapModel.load(directory)).isInstanceOf(IOException.class)
                .hasMessageContaining("padded differently").hasMessageContaining("train it again");
    }

    @Test
    void lossGradientDoesNotDependOnWhenTheGarbageCollectorRuns() throws InterruptedException {
        TrainingBatch batch = SyntheticFaces.batch(2, 64, 50);
        float[] predicted = new float[batch.target().pixels().length];
        Random random = new Random(5);
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = random.nextFloat();
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ReconstructionLoss loss = new ReconstructionLoss(manager);
            float[] undisturbed = lossGradient(manager, loss, predicted, batch, false);
            for (int i = 0; i < 3; i++) {
                float[] disturbed = lossGradient(manager, loss, predicted, batch, true);
                assertThat(disturbed).hasSameSizeAs(undisturbed);
                int differing = 0;
                for (int j = 0; j < disturbed.length; j++) {
                    if (Float.compare(disturbed[j], undisturbed[j]) != 0) {
                        differing++;
                    }
                }
                assertThat(differing)
                        .as("elements of the gradient that changed with a GC before backward, try %d "
                                + "(L1 norm %s, undisturbed %s)", i, l1(disturbed), l1(undisturbed))
                        .isZero();
            }
        }
    }

    /**
     * Training at the default ISA with the garbage collector running all the time: no step refused
     * for non-finite gradients, and the very same losses as an undisturbed model from the same seed.
     */
    @Test
    void trainsAtTheDefaultInstructionSetWithoutNonFiniteStepsWhileTheGarbageCollectorRuns()
            throws InterruptedException {
        assertThat(System.getenv("ONEDNN_MAX_CPU_ISA")).as("oneDNN must run at the CPU's default ISA").isNull();
        TrainingBatch a = SyntheticFaces.batch(BATCH, 64, 60);
        TrainingBatch b = SyntheticFaces.batch(BATCH, 64, 70);
        SwapModelOptions options = new SwapModelOptions(64, 0.25, 1e-3, 6);
        int steps = 6;
        List<StepLosses> undisturbed = new ArrayList<>();
        try (TorchSwapModel model = TorchSwapModel.create(options)) {
            for (int i = 0; i < steps; i++) {
                undisturbed.add(model.trainStep(a, b));
            }
        }
        AtomicBoolean training = new AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (training.get()) {
                System.gc();
                sleep(5);
            }
        }, "gc-pressure");
        collector.setDaemon(true);
        List<StepLosses> underGc = new ArrayList<>();
        int refused = 0;
        collector.start();
        try (TorchSwapModel model = TorchSwapModel.create(options)) {
            while (underGc.size() < steps && refused < steps) {
                try {
                    underGc.add(model.trainStep(a, b));
                } catch (IllegalStateException e) {
                    refused++;
                }
            }
        } finally {
            training.set(false);
            collector.join();
        }
        assertThat(refused).as("steps refused for non-finite gradients").isZero();
        assertThat(underGc).isEqualTo(undisturbed);
    }

    /** d loss / d predicted for fixed predictions; with {@code collectGarbage}, GCs run between forward and backward. */
    private static float[] lossGradient(NDManager manager, ReconstructionLoss loss, float[] predicted,
            TrainingBatch batch, boolean collectGarbage) throws InterruptedException {
        FaceBatch target = batch.target();
        Shape images = new Shape(target.count(), 3, target.size(), target.size());
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(predicted, images);
            x.setRequiresGradient(true);
            NDArray y = step.create(target.pixels(), images);
            NDArray w = step.create(batch.lossWeights(), new Shape(target.count(), 1, target.size(), target.size()));
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray value = loss.compute(x, y, w);
                if (collectGarbage) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(20);
                    }
                }
                collector.backward(value);
            }
            return x.getGradient().toFloatArray();
        }
    }

    private static double l1(float[] values) {
        double total = 0;
        for (float v : values) {
            total += Math.abs(v);
        }
        return total;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
