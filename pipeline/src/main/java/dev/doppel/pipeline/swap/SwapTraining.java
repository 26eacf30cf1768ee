package dev.doppel.pipeline.swap;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.doppel.pipeline.family.FacesByRole;
import dev.doppel.pipeline.family.GanRefinement;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.train.Augmentation;
import dev.doppel.pipeline.train.Prefetch;
import dev.doppel.pipeline.train.RandomWarp;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * How the DeepFakes family trains (faceswap's recipe): a batch of each person per step, randomly
 * warped with Lab colour jitter, each reconstructed through its own decoder; the preview shows
 * reconstructions and swaps both ways.
 */
public final class SwapTraining implements TrainingRecipe {

    public static final String FAMILY = "deepfakes";
    public static final String LOSS_A = "reconstructionA";
    public static final String LOSS_B = "reconstructionB";
    /** What GAN refinement adds to the chart, in the catalog's order. */
    public static final List<String> REFINEMENT_LOSSES = List.of(
            RefinementGraph.generatorLoss(Identity.A), RefinementGraph.generatorLoss(Identity.B),
            RefinementGraph.discriminatorLoss(Identity.A), RefinementGraph.discriminatorLoss(Identity.B));
    /** The mask terms a model that learns masks (SAEHD) reports beside each side's whole loss. */
    public static final String MASK_A = "maskA";
    public static final String MASK_B = "maskB";

    private static final int PREVIEW_FACES = 4;

    private record Batches(TrainingBatch a, TrainingBatch b) {
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public TrainingSession open(TrainableModel model, Map<String, List<TrainingFace>> faces, TrainingPlan plan) {
        if (!(model instanceof SwapModel swap)) {
            throw new IllegalArgumentException("a " + model.getClass().getSimpleName() + " is not a DeepFakes swap model");
        }
        List<TrainingFace> a = FacesByRole.require(faces, "A", "DeepFakes");
        List<TrainingFace> b = FacesByRole.require(faces, "B", "DeepFakes");
        GanRefinement refinement = plan.refinement();
        if (refinement != null && !(swap instanceof Refinable)) {
            throw new IllegalArgumentException("a " + model.getClass().getSimpleName() + " cannot be refined with a GAN");
        }
        BatchSampler samplerA = new BatchSampler(a, swap.resolution(), Augmentation.FACESWAP, RandomWarp.DEFAULT, plan.seed());
        BatchSampler samplerB = new BatchSampler(b, swap.resolution(), Augmentation.FACESWAP, RandomWarp.DEFAULT, plan.seed() + 1);
        List<TrainingFace> previewA = FacesByRole.forPreview(a, PREVIEW_FACES);
        List<TrainingFace> previewB = FacesByRole.forPreview(b, PREVIEW_FACES);
        // The next step's faces are drawn and augmented while this step runs.
        Prefetch<Boolean, Batches> batches = new Prefetch<>(warped ->
                new Batches(samplerA.next(plan.batchSize(), warped), samplerB.next(plan.batchSize(), warped)));
        return TrainingSession.of(swap, () -> {
            // Random warp teaches the face; refinement sharpens the face as it is, so its inputs are
            // unwarped (DFL); so is pretraining's, which DFL runs without warp.
            boolean warped = !refining(swap, refinement) && !plan.pretraining();
            Batches next = batches.next(warped);
            return named(swap.trainStep(next.a(), next.b()));
        }, () -> PreviewGrid.render(swap, previewA, previewB), PreviewGrid.layout(swap));
    }

    /** Starts refinement when the plan's iteration comes; a model that refines already (resumed) goes on as it was. */
    private static boolean refining(SwapModel swap, GanRefinement planned) {
        if (!(swap instanceof Refinable refinable)) {
            return false;
        }
        if (refinable.refinement().isEmpty() && planned != null && planned.activeAt(swap.iteration())) {
            refinable.startRefinement(planned);
        }
        return refinable.refinement().isPresent();
    }

    static NamedLosses named(StepLosses losses) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(LOSS_A, losses.lossA());
        values.put(LOSS_B, losses.lossB());
        // Refinement's in the catalog's order, then whatever else the model reports in its own.
        for (String name : REFINEMENT_LOSSES) {
            Double value = losses.more().get(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        losses.more().forEach(values::putIfAbsent);
        return new NamedLosses(losses.iteration(), values);
    }
}
