package dev.doppel.pipeline.cyclegan;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.FacesByRole;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.train.Prefetch;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * How the CycleGAN family trains: each step draws a batch of A's faces and one of B's, unpaired,
 * lightly augmented ({@link dev.doppel.pipeline.train.Augmentation#LIGHT}), and runs one generator and one discriminator step.
 * The reference trains with batch size 1; the caller's batch size is used as given. The learning
 * rate follows the reference's schedule over the job's iterations ({@link LearningRateSchedule}).
 */
public final class CycleGanTraining implements TrainingRecipe {

    public static final String FAMILY = "cyclegan";

    private static final int PREVIEW_FACES = 4;

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public TrainingSession open(TrainableModel model, Map<String, List<TrainingFace>> faces, TrainingPlan plan) {
        if (!(model instanceof CycleGanModel cycleGan)) {
            throw new IllegalArgumentException("a " + model.getClass().getSimpleName() + " is not a CycleGAN model");
        }
        if (plan.refinement() != null) {
            throw new IllegalArgumentException("CycleGAN is adversarial throughout: it takes no GAN refinement");
        }
        List<TrainingFace> a = FacesByRole.require(faces, "A", "CycleGAN");
        List<TrainingFace> b = FacesByRole.require(faces, "B", "CycleGAN");
        FaceSampler samplerA = new FaceSampler(a, cycleGan.resolution(), plan.seed());
        FaceSampler samplerB = new FaceSampler(b, cycleGan.resolution(), plan.seed() + 1);
        List<TrainingFace> previewA = FacesByRole.forPreview(a, PREVIEW_FACES);
        List<TrainingFace> previewB = FacesByRole.forPreview(b, PREVIEW_FACES);
        // The next step's faces are drawn while this step runs.
        Supplier<FaceBatch[]> batches = Prefetch.ahead(() ->
                new FaceBatch[] {samplerA.next(plan.batchSize()), samplerB.next(plan.batchSize())});
        return TrainingSession.of(cycleGan, () -> {
            cycleGan.learningRate(LearningRateSchedule.at(cycleGan.iteration(), plan.targetIterations(), cycleGan.baseLearningRate()));
            FaceBatch[] next = batches.get();
            return cycleGan.trainStep(next[0], next[1]).named();
        }, () -> CycleGanPreview.render(cycleGan, previewA, previewB), CycleGanPreview.LAYOUT);
    }
}
