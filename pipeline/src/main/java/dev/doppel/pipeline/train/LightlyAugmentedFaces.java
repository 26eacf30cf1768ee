package dev.doppel.pipeline.train;

import java.util.List;
import java.util.Random;

/**
 * A face set as the GAN families draw it: resized once, in shuffled passes (each face once per
 * pass), each draw lightly moved and mirrored ({@link Augmentation#LIGHT}), landmarks with it.
 * The discriminators learn what a real face of the set looks like, colour and all, so nothing is
 * warped and no colour is jittered.
 */
public final class LightlyAugmentedFaces {

    private final List<TrainingFace> faces;
    private final int resolution;
    private final Random random;
    private final ShuffledOrder order;

    public LightlyAugmentedFaces(List<TrainingFace> faces, int resolution, long seed) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no faces to train on");
        }
        this.faces = faces.stream().map(f -> f.resized(resolution)).toList();
        this.resolution = resolution;
        this.random = new Random(seed);
        this.order = new ShuffledOrder(faces.size(), random);
    }

    public int resolution() {
        return resolution;
    }

    public Augmentation.AugmentedFace next() {
        return Augmentation.LIGHT.apply(faces.get(order.next()), random);
    }
}
