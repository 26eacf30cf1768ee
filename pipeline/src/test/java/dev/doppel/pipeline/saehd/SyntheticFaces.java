package dev.doppel.pipeline.saehd;

import java.util.Random;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.swap.TrainingBatch;

/**
 * Face-like batches small enough for a unit test: a skin-coloured ellipse (the mask) with two dark
 * eyes and a mouth (weighted up, as LossWeights does) on a shaded background, placed and coloured
 * by the seed. Structure a tiny model can learn in a few dozen steps, where noise would not.
 */
final class SyntheticFaces {

    private SyntheticFaces() {
    }

    static TrainingBatch batch(int count, int size, long seed) {
        Random random = new Random(seed);
        int plane = size * size;
        float[] target = new float[count * 3 * plane];
        float[] warped = new float[target.length];
        float[] weights = new float[count * plane];
        float[] mask = new float[weights.length];
        for (int n = 0; n < count; n++) {
            double cx = size * (0.45 + 0.1 * random.nextDouble());
            double cy = size * (0.45 + 0.1 * random.nextDouble());
            double rx = size * (0.28 + 0.06 * random.nextDouble());
            double ry = size * (0.34 + 0.06 * random.nextDouble());
            float[] skin = {0.6f + 0.3f * random.nextFloat(), 0.4f + 0.2f * random.nextFloat(), 0.3f + 0.2f * random.nextFloat()};
            float background = 0.2f * random.nextFloat();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double dx = (x - cx) / rx;
                    double dy = (y - cy) / ry;
                    boolean face = dx * dx + dy * dy <= 1;
                    boolean eye = Math.hypot(Math.abs(dx) - 0.38, dy + 0.25) < 0.14;
                    boolean mouth = Math.abs(dx) < 0.35 && Math.abs(dy - 0.45) < 0.07;
                    int i = n * plane + y * size + x;
                    mask[i] = face ? 1 : 0;
                    weights[i] = !face ? 0 : eye ? 3 : mouth ? 2 : 1;
                    for (int c = 0; c < 3; c++) {
                        float value = face ? (eye || mouth ? 0.1f * c : skin[c]) : background + 0.3f * x / size;
                        target[(n * 3 + c) * plane + y * size + x] = value;
                    }
                }
            }
        }
        for (int i = 0; i < target.length; i++) {
            warped[i] = Math.min(1, target[i] + 0.05f * random.nextFloat());
        }
        return new TrainingBatch(new FaceBatch(count, size, warped), new FaceBatch(count, size, target), weights, mask);
    }
}
