package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.family.FaceBatch;

import java.util.List;
import java.util.Random;

import dev.doppel.pipeline.image.PlanarImage;
import dev.doppel.pipeline.train.Augmentation;
import dev.doppel.pipeline.train.LossWeights;
import dev.doppel.pipeline.train.RandomWarp;
import dev.doppel.pipeline.train.ShuffledOrder;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Training batches for one identity: faces drawn in shuffled passes (every face once per pass,
 * as faceswap's feeder does), each augmented, its copy warped as the model's input and the
 * unwarped one kept as the target, with its mask and the loss weights from mask and landmarks.
 */
public final class BatchSampler {

    private final List<TrainingFace> faces;
    private final int resolution;
    private final Augmentation augmentation;
    private final RandomWarp warp;
    private final Random random;
    private final ShuffledOrder order;

    public BatchSampler(List<TrainingFace> faces, int resolution, Augmentation augmentation, RandomWarp warp, long seed) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no faces to train on");
        }
        this.faces = faces.stream().map(f -> f.resized(resolution)).toList();
        this.resolution = resolution;
        this.augmentation = augmentation;
        this.warp = warp;
        this.random = new Random(seed);
        this.order = new ShuffledOrder(faces.size(), random);
    }

    public TrainingBatch next(int count) {
        return next(count, true);
    }

    /** @param warped false: the inputs are the augmented targets themselves, for refining a learned face */
    public TrainingBatch next(int count, boolean warped) {
        int plane = 3 * resolution * resolution;
        float[] inputs = new float[count * plane];
        float[] target = new float[count * plane];
        float[] weights = new float[count * resolution * resolution];
        float[] masks = new float[weights.length];
        for (int n = 0; n < count; n++) {
            Augmentation.AugmentedFace face = augmentation.apply(faces.get(order.next()), random);
            System.arraycopy(face.rgb().values(), 0, target, n * plane, plane);
            PlanarImage input = warped ? warp.apply(face.rgb(), random) : face.rgb();
            System.arraycopy(input.values(), 0, inputs, n * plane, plane);
            float[] w = LossWeights.of(face.mask(), face.landmarks());
            System.arraycopy(w, 0, weights, n * w.length, w.length);
            System.arraycopy(face.mask().values(), 0, masks, n * w.length, w.length);
        }
        return new TrainingBatch(new FaceBatch(count, resolution, inputs), new FaceBatch(count, resolution, target), weights, masks);
    }
}
