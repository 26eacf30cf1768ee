package dev.doppel.pipeline.reenact;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.doppel.pipeline.family.FacesByRole;
import dev.doppel.pipeline.family.PreviewTiles;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.train.Prefetch;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * How the reenactment family trains: one face set, the person to be driven (role {@value #ROLE}).
 * Every step draws a batch of their faces with the sketches of their landmarks and runs one
 * generator and one discriminator step. One face in {@value #HELD_OUT_EVERY} is held out of training
 * (when there are that many), so the preview shows what the model draws for frames it never saw:
 * sketch, drawn face, real face, a row each.
 */
public final class Pix2PixTraining implements TrainingRecipe {

    public static final String FAMILY = "reenactment";
    public static final String ROLE = "Target";
    public static final int HELD_OUT_EVERY = 10;
    public static final String PREVIEW_LAYOUT = "columns: landmark sketch of a held-out face, the face the model draws for it, the real face";

    private static final int PREVIEW_FACES = 4;

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public TrainingSession open(TrainableModel model, Map<String, List<TrainingFace>> faces, TrainingPlan plan) {
        if (!(model instanceof SketchToFace sketchToFace)) {
            throw new IllegalArgumentException("a " + model.getClass().getSimpleName() + " is not a reenactment model");
        }
        if (plan.refinement() != null) {
            throw new IllegalArgumentException("pix2pix is adversarial throughout: it takes no GAN refinement");
        }
        List<TrainingFace> all = FacesByRole.require(faces, ROLE, FAMILY);
        List<TrainingFace> heldOut = heldOut(all);
        List<TrainingFace> training = training(all);
        SketchSampler sampler = new SketchSampler(training, sketchToFace.resolution(), plan.seed());
        List<TrainingFace> shown = FacesByRole.forPreview(heldOut.isEmpty() ? training : heldOut, PREVIEW_FACES);
        // The next step's sketches are drawn while this step runs.
        Supplier<SketchSampler.Pairs> batches = Prefetch.ahead(() -> sampler.next(plan.batchSize()));
        return TrainingSession.of(sketchToFace, () -> {
            SketchSampler.Pairs pairs = batches.get();
            return sketchToFace.trainStep(pairs.sketches(), pairs.faces(), pairs.weights());
        }, () -> preview(sketchToFace, shown), PREVIEW_LAYOUT);
    }

    /** The faces the model never trains on: every {@value #HELD_OUT_EVERY}th, when there are that many. */
    public static List<TrainingFace> heldOut(List<TrainingFace> faces) {
        List<TrainingFace> out = new ArrayList<>();
        if (faces.size() >= HELD_OUT_EVERY) {
            for (int i = HELD_OUT_EVERY / 2; i < faces.size(); i += HELD_OUT_EVERY) {
                out.add(faces.get(i));
            }
        }
        return out;
    }

    static List<TrainingFace> training(List<TrainingFace> faces) {
        if (faces.size() < HELD_OUT_EVERY) {
            return faces;
        }
        List<TrainingFace> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            if (i % HELD_OUT_EVERY != HELD_OUT_EVERY / 2) {
                out.add(faces.get(i));
            }
        }
        return out;
    }

    static BufferedImage preview(SketchToFace model, List<TrainingFace> faces) {
        int size = model.resolution();
        BufferedImage grid = new BufferedImage(3 * size, Math.max(1, faces.size()) * size, BufferedImage.TYPE_INT_RGB);
        if (!faces.isEmpty()) {
            SketchSampler.Pairs pairs = SketchSampler.of(faces, size);
            Graphics2D g = grid.createGraphics();
            PreviewTiles.draw(g, 0, pairs.sketches(), model.draw(pairs.sketches()), pairs.faces());
            g.dispose();
        }
        return grid;
    }
}
