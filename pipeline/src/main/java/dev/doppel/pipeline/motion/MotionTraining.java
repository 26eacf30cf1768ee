package dev.doppel.pipeline.motion;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.FacesByRole;
import dev.doppel.pipeline.family.PreviewTiles;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.family.UnsuitableFaces;
import dev.doppel.pipeline.train.Prefetch;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * How the motion family trains: one face set of video frames (role {@value #ROLE}), grouped by the
 * clip each came from; only clips of two or more frames teach motion. Every step moves a batch of
 * source frames to driving frames of the same clip ({@link ClipPairs}).
 *
 * <p>Validation holds out as the reference's train/test split of videos does: with
 * {@value #HELD_OUT_CLIP_EVERY} clips or more, one clip in {@value #HELD_OUT_CLIP_EVERY} entirely; with
 * fewer, one frame in {@value #HELD_OUT_EVERY} of each clip that long. The first held-out frame of a
 * clip is animated to each later one, as the reference's reconstruction evaluation animates a test
 * video's first frame to the rest; {@link #heldOutL1} scores that against copying the source.
 */
public final class MotionTraining implements TrainingRecipe {

    public static final String FAMILY = "motion";
    public static final String ROLE = "Videos";
    public static final int HELD_OUT_EVERY = 10;
    public static final int HELD_OUT_CLIP_EVERY = 5;
    /** The validation figures at each checkpoint: held-out frames as animated, and their sources copied. */
    public static final String HELD_OUT_L1 = "heldOutL1";
    public static final String HELD_OUT_L1_COPIED = "heldOutL1CopiedSource";
    public static final String PREVIEW_LAYOUT = "columns: a held-out source frame, a later frame of its clip, the source animated to that frame's keypoints";

    /** Frames a held-out clip gives: its first and this many more, evenly spread. */
    static final int HELD_OUT_DRIVINGS = 3;
    static final int MAX_HELD_OUT_PAIRS = 16;
    private static final int PREVIEW_PAIRS = 4;

    /** A source frame and a driving frame of the same clip. */
    public record Pair(TrainingFace source, TrainingFace driving) {
    }

    /** The clips training draws from, and the held-out pairs. */
    public record Split(List<List<TrainingFace>> training, List<Pair> heldOut) {
    }

    /**
     * Mean absolute error (RGB in [0, 1]) of held-out driving frames: as the model animates them
     * from their source, and as the source itself is (a model that learned no motion).
     */
    public record HeldOutL1(double animated, double copied, int pairs) {
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public TrainingSession open(TrainableModel model, Map<String, List<TrainingFace>> faces, TrainingPlan plan) {
        if (!(model instanceof MotionModel motion)) {
            throw new IllegalArgumentException("a " + model.getClass().getSimpleName() + " is not a motion model");
        }
        if (plan.refinement() != null) {
            throw new IllegalArgumentException("the first-order motion model trains without a GAN (as its vox recipe): it takes no GAN refinement");
        }
        Split split = split(FacesByRole.require(faces, ROLE, FAMILY));
        ClipPairs sampler = new ClipPairs(split.training(), motion.resolution(), plan.seed());
        List<Pair> shown = split.heldOut().isEmpty() ? firstToLast(split.training()) : split.heldOut();
        List<Pair> preview = shown.subList(0, Math.min(PREVIEW_PAIRS, shown.size()));
        // The next step's frame pairs are drawn while this step runs.
        Supplier<ClipPairs.Pairs> batches = Prefetch.ahead(() -> sampler.next(plan.batchSize()));
        return TrainingSession.of(motion, () -> {
            ClipPairs.Pairs pairs = batches.get();
            return motion.trainStep(pairs.sources(), pairs.drivings());
        }, () -> preview(motion, preview), PREVIEW_LAYOUT, () -> validation(motion, split.heldOut()));
    }

    /** The reference's validation: held-out reconstruction L1, beside copying the source (which a model must beat to have learned motion). */
    static Map<String, Double> validation(MotionModel model, List<Pair> heldOut) {
        HeldOutL1 l1 = scored(model, heldOut);
        return l1.pairs() == 0 ? Map.of() : Map.of(HELD_OUT_L1, l1.animated(), HELD_OUT_L1_COPIED, l1.copied());
    }

    /**
     * The faces' clips (of two frames or more, in the order they first appear) split into training
     * clips and held-out pairs.
     *
     * @throws UnsuitableFaces when no clip has two frames
     */
    public static Split split(List<TrainingFace> faces) {
        Map<String, List<TrainingFace>> byClip = new LinkedHashMap<>();
        for (TrainingFace face : faces) {
            if (face.clip() != null) {
                byClip.computeIfAbsent(face.clip(), c -> new ArrayList<>()).add(face);
            }
        }
        List<List<TrainingFace>> clips = byClip.values().stream().filter(frames -> frames.size() >= 2).toList();
        if (clips.isEmpty()) {
            throw new UnsuitableFaces("the " + FAMILY + " family learns from videos: the face set for role " + ROLE
                    + " has no clip with two or more faces of one person (a photo's faces are never a clip)");
        }
        List<List<TrainingFace>> training = new ArrayList<>();
        List<Pair> heldOut = new ArrayList<>();
        boolean wholeClips = clips.size() >= HELD_OUT_CLIP_EVERY;
        for (int c = 0; c < clips.size(); c++) {
            List<TrainingFace> frames = clips.get(c);
            boolean room = heldOut.size() < MAX_HELD_OUT_PAIRS;
            if (wholeClips && room && c % HELD_OUT_CLIP_EVERY == HELD_OUT_CLIP_EVERY / 2) {
                List<TrainingFace> spread = new ArrayList<>();
                for (int j = 0; j <= HELD_OUT_DRIVINGS; j++) {
                    int at = j * (frames.size() - 1) / HELD_OUT_DRIVINGS;
                    if (spread.isEmpty() || spread.get(spread.size() - 1) != frames.get(at)) {
                        spread.add(frames.get(at));
                    }
                }
                addPairs(spread, heldOut);
            } else if (!wholeClips && room && frames.size() >= HELD_OUT_EVERY) {
                List<TrainingFace> kept = new ArrayList<>();
                List<TrainingFace> held = new ArrayList<>();
                for (int i = 0; i < frames.size(); i++) {
                    (i % HELD_OUT_EVERY == HELD_OUT_EVERY / 2 ? held : kept).add(frames.get(i));
                }
                training.add(kept);
                addPairs(held, heldOut);
            } else {
                training.add(frames);
            }
        }
        return new Split(training, heldOut.subList(0, Math.min(MAX_HELD_OUT_PAIRS, heldOut.size())));
    }

    /** The model on the held-out pairs of {@code faces} ({@link #split}); NaN errors when there are none. */
    public static HeldOutL1 heldOutL1(MotionModel model, List<TrainingFace> faces) {
        return scored(model, split(faces).heldOut());
    }

    private static HeldOutL1 scored(MotionModel model, List<Pair> pairs) {
        if (pairs.isEmpty()) {
            return new HeldOutL1(Double.NaN, Double.NaN, 0);
        }
        ClipPairs.Pairs batch = ClipPairs.of(pairs, model.resolution());
        return new HeldOutL1(l1(animate(model, batch), batch.drivings()), l1(batch.sources(), batch.drivings()), pairs.size());
    }

    /** Each source moved to its driving frame's keypoints, as the model animates. */
    static FaceBatch animate(MotionModel model, ClipPairs.Pairs pairs) {
        return model.animate(pairs.sources(), model.keypoints(pairs.sources()), model.keypoints(pairs.drivings()));
    }

    static double l1(FaceBatch a, FaceBatch b) {
        double sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs(a.pixels()[i] - b.pixels()[i]);
        }
        return sum / a.pixels().length;
    }

    static BufferedImage preview(MotionModel model, List<Pair> pairs) {
        int size = model.resolution();
        ClipPairs.Pairs batch = ClipPairs.of(pairs, size);
        BufferedImage grid = new BufferedImage(3 * size, pairs.size() * size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        PreviewTiles.draw(g, 0, batch.sources(), batch.drivings(), animate(model, batch));
        g.dispose();
        return grid;
    }

    /** The first frame animated to each later one. */
    private static void addPairs(List<TrainingFace> frames, List<Pair> into) {
        for (int i = 1; i < frames.size(); i++) {
            into.add(new Pair(frames.get(0), frames.get(i)));
        }
    }

    /** When nothing is held out, the preview shows each training clip's first frame animated to its last. */
    private static List<Pair> firstToLast(List<List<TrainingFace>> clips) {
        return clips.stream().map(frames -> new Pair(frames.get(0), frames.get(frames.size() - 1))).toList();
    }
}
