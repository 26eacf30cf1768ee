package dev.doppel.pipeline.cyclegan;

import java.util.List;
import java.util.Random;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.train.Augmentation;
import dev.doppel.pipeline.train.ShuffledOrder;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Batches of one face set for CycleGAN: faces drawn in shuffled passes (each once per pass), each
 * lightly moved and mirrored half the time ({@link Augmentation#LIGHT}). Nothing is warped and no colour is jittered: the
 * discriminators learn what a real face of the set looks like, colour and all, and the
 * generators must make exactly that.
 */
final class FaceSampler {

    private final List<TrainingFace> faces;
    private final int resolution;
    private final Random random;
    private final ShuffledOrder order;

    FaceSampler(List<TrainingFace> faces, int resolution, long seed) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no faces to train on");
        }
        this.faces = faces.stream().map(f -> f.resized(resolution)).toList();
        this.resolution = resolution;
        this.random = new Random(seed);
        this.order = new ShuffledOrder(faces.size(), random);
    }

    FaceBatch next(int count) {
        int plane = 3 * resolution * resolution;
        float[] pixels = new float[count * plane];
        for (int n = 0; n < count; n++) {
            float[] face = Augmentation.LIGHT.apply(faces.get(order.next()), random).rgb().values();
            System.arraycopy(face, 0, pixels, n * plane, plane);
        }
        return new FaceBatch(count, resolution, pixels);
    }
}
