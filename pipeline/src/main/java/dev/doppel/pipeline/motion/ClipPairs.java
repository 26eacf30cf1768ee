package dev.doppel.pipeline.motion;

import java.util.List;
import java.util.Random;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.PreviewTiles;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Training pairs as the reference's FramesDataset draws them: a clip at random, two of its frames
 * at random (the same one now and then, as there), the first the source and the second the driving
 * frame, both mirrored or neither (its random_flip), so the motion between them stays a real one.
 */
final class ClipPairs {

    /** One batch: source i is to be moved to look like driving i. */
    record Pairs(FaceBatch sources, FaceBatch drivings) {
    }

    private final List<FaceBatch> clips;
    private final int resolution;
    private final Random random;

    ClipPairs(List<List<TrainingFace>> clips, int resolution, long seed) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no clips to train on");
        }
        this.clips = clips.stream().map(frames -> PreviewTiles.batch(frames, resolution)).toList();
        this.resolution = resolution;
        this.random = new Random(seed);
    }

    Pairs next(int count) {
        int plane = 3 * resolution * resolution;
        float[] sources = new float[count * plane];
        float[] drivings = new float[count * plane];
        for (int n = 0; n < count; n++) {
            FaceBatch clip = clips.get(random.nextInt(clips.size()));
            int source = random.nextInt(clip.count());
            int driving = random.nextInt(clip.count());
            boolean flip = random.nextBoolean();
            copy(clip, source, sources, n, flip);
            copy(clip, driving, drivings, n, flip);
        }
        return new Pairs(new FaceBatch(count, resolution, sources), new FaceBatch(count, resolution, drivings));
    }

    /** Fixed pairs as they are, unaugmented: what validation and the preview show. */
    static Pairs of(List<MotionTraining.Pair> pairs, int resolution) {
        return new Pairs(PreviewTiles.batch(pairs.stream().map(MotionTraining.Pair::source).toList(), resolution),
                PreviewTiles.batch(pairs.stream().map(MotionTraining.Pair::driving).toList(), resolution));
    }

    private void copy(FaceBatch clip, int frame, float[] into, int slot, boolean flip) {
        int plane = 3 * resolution * resolution;
        if (!flip) {
            System.arraycopy(clip.pixels(), frame * plane, into, slot * plane, plane);
            return;
        }
        for (int row = 0; row < 3 * resolution; row++) {
            int from = frame * plane + row * resolution;
            int to = slot * plane + row * resolution;
            for (int x = 0; x < resolution; x++) {
                into[to + x] = clip.pixels()[from + resolution - 1 - x];
            }
        }
    }
}
