package dev.doppel.pipeline.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.cyclegan.SyntheticFaces;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.train.TrainingFace;

/** The DeepFakes recipe under the generic training loop, on real faces. */
class SwapTrainingTest {

    private static final int STEPS = 100;
    private static final int BATCH = 4;

    @Test
    void reconstructionLossFallsOnRealFaces() throws IOException {
        // sample1's faces are A, sample3's are B; a handful each, so augmentation does the rest.
        List<TrainingFace> a = SampleFaces.aligned("sample1", 128).stream().map(TrainingFace::of).toList();
        List<TrainingFace> b = SampleFaces.aligned("sample3", 128).stream().map(TrainingFace::of).toList();
        // 6x faceswap's learning rate: the trend shows within a CI-sized run (2 cores, ~1 minute).
        SwapModelOptions options = new SwapModelOptions(64, 0.25, 3e-4, 11);
        List<NamedLosses> checkpoints = new ArrayList<>();
        try (SameDiffSwapModel model = SameDiffSwapModel.create(options)) {
            TrainingSession session = new SwapTraining().open(model, Map.of("A", a, "B", b), new TrainingPlan(BATCH, STEPS, 1));
            // The first step's loss is the untrained model's (SameDiff reports it before the update).
            NamedLosses first = session.step();
            assertThat(first.values()).containsOnlyKeys(SwapTraining.LOSS_A, SwapTraining.LOSS_B);

            Trainer.Result result = new Trainer(session).train(new Trainer.Options(STEPS, BATCH, 10),
                    Progress.NONE, Cancellation.NEVER, (s, last) -> {
                        checkpoints.add(last);
                        return CheckpointSink.Publication.NONE;
                    });
            BufferedImage preview = session.preview();

            // Single steps are noisy under heavy augmentation: average the last three checkpoints.
            double after = checkpoints.subList(checkpoints.size() - 3, checkpoints.size()).stream()
                    .mapToDouble(NamedLosses::total).average().orElseThrow();
            System.out.printf("%d steps of %d+%d in %.1f s (%.1f EGs/s); loss A+B %.4f -> %.4f%n", result.iterations() + 1,
                    BATCH, BATCH, result.seconds(), result.egsPerSecond(), first.total(), after);
            assertThat(after).isLessThan(0.75 * first.total());
            assertThat(checkpoints).extracting(NamedLosses::iteration).contains(10L, (long) STEPS).hasSize(STEPS / 10);
            assertThat(preview.getWidth()).isEqualTo(PreviewGrid.COLUMNS * 64);
            assertThat(preview.getHeight()).isEqualTo(Math.max(Math.min(4, a.size()), Math.min(4, b.size())) * 64);
        }
    }

    @Test
    void pretrainingFeedsFacesUnwarped() {
        List<TrainingFace> faces = SyntheticFaces.personA(3, 64, 1);
        RecordingSwapModel model = new RecordingSwapModel(false);
        new SwapTraining().open(model, Map.of("A", faces, "B", faces), new TrainingPlan(2, 10, 1, null, true)).step();
        new SwapTraining().open(model, Map.of("A", faces, "B", faces), new TrainingPlan(2, 10, 1)).step();

        assertThat(model.batches.get(0).warped().pixels()).containsExactly(model.batches.get(0).target().pixels());
        assertThat(model.batches.get(1).warped().pixels()).containsExactly(model.batches.get(1).target().pixels());
        assertThat(model.batches.get(2).warped().pixels()).isNotEqualTo(model.batches.get(2).target().pixels());
    }

    @Test
    void reportsAndPreviewsALearnedMask() {
        RecordingSwapModel model = new RecordingSwapModel(true);
        TrainingSession session = new SwapTraining().open(model,
                Map.of("A", SyntheticFaces.personA(2, 64, 1), "B", SyntheticFaces.personB(3, 64, 2)), new TrainingPlan(2, 10, 1));

        assertThat(session.step().values()).containsOnlyKeys(SwapTraining.LOSS_A, SwapTraining.LOSS_B, SwapTraining.MASK_A, SwapTraining.MASK_B);
        assertThat(model.batches.get(0).mask()).as("the faces' own masks, full").containsOnly(1f);
        BufferedImage preview = session.preview();
        assertThat(preview.getWidth()).isEqualTo(8 * 64);
        assertThat(session.previewLayout()).endsWith("B to A, mask of A to B, mask of B to A");
        int grey = Math.round(RecordingSwapModel.MASK * 255);
        assertThat(preview.getRGB(6 * 64 + 5, 5) & 0xff).isCloseTo(grey, within(1));
        assertThat(preview.getRGB(7 * 64 + 5, 2 * 64 + 5) & 0xff).as("B has a third face").isCloseTo(grey, within(1));
        assertThat(preview.getRGB(6 * 64 + 5, 2 * 64 + 5) & 0xffffff).as("A has two").isZero();
    }

    @Test
    void refusesAModelOfAnotherFamilyOrMissingFaces() {
        try (SameDiffSwapModel model = SameDiffSwapModel.create(new SwapModelOptions(64, 0.125, 1e-4, 1))) {
            assertThatThrownBy(() -> new SwapTraining().open(model, Map.of("A", List.of()), new TrainingPlan(BATCH, STEPS, 1)))
                    .hasMessageContaining("role A");
        }
    }
}
