package dev.doppel.pipeline.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModelOptions;

class TrainerTest {

    private static final int STEPS = 100;
    private static final int BATCH = 4;

    @Test
    void reconstructionLossFallsOnRealFaces() throws IOException {
        // sample1's faces are A, sample3's are B; a handful each, so augmentation does the rest.
        List<TrainingFace> a = SampleFaces.aligned("sample1", 128).stream().map(TrainingFace::of).toList();
        List<TrainingFace> b = SampleFaces.aligned("sample3", 128).stream().map(TrainingFace::of).toList();
        // 6x faceswap's learning rate: the trend shows within a CI-sized run (2 cores, ~1 minute).
        SwapModelOptions options = new SwapModelOptions(64, 0.25, 3e-4, 11);
        List<StepLosses> checkpoints = new ArrayList<>();
        try (SameDiffSwapModel model = SameDiffSwapModel.create(options)) {
            BatchSampler samplerA = new BatchSampler(a, 64, Augmentation.FACESWAP, RandomWarp.DEFAULT, 1);
            BatchSampler samplerB = new BatchSampler(b, 64, Augmentation.FACESWAP, RandomWarp.DEFAULT, 2);
            // The first step's loss is the untrained model's (SameDiff reports it before the update).
            double before = total(model.trainStep(samplerA.next(BATCH), samplerB.next(BATCH)));

            Trainer.Result result = new Trainer(model, samplerA, samplerB).train(new Trainer.Options(STEPS, BATCH, 10),
                    Progress.NONE, Cancellation.NEVER, (m, iteration, last) -> checkpoints.add(last));
            BufferedImage preview = PreviewGrid.render(model, a.subList(0, 2), b.subList(0, 2));

            // Single steps are noisy under heavy augmentation: average the last three checkpoints.
            double after = checkpoints.subList(checkpoints.size() - 3, checkpoints.size()).stream()
                    .mapToDouble(TrainerTest::total).average().orElseThrow();
            System.out.printf("%d steps of %d+%d in %.1f s (%.1f EGs/s); loss A+B %.4f -> %.4f%n", result.iterations() + 1,
                    BATCH, BATCH, result.seconds(), result.egsPerSecond(), before, after);
            assertThat(after).isLessThan(0.75 * before);
            assertThat(checkpoints).extracting(StepLosses::iteration).contains(10L, (long) STEPS).hasSize(STEPS / 10);
            assertThat(preview.getWidth()).isEqualTo(PreviewGrid.COLUMNS * 64);
            assertThat(preview.getHeight()).isEqualTo(2 * 64);
        }
    }

    private static double total(StepLosses losses) {
        return losses.lossA() + losses.lossB();
    }
}
