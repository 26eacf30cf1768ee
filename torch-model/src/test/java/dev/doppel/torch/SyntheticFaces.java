package dev.doppel.torch;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.swap.TrainingBatch;
import java.util.Arrays;
import java.util.Random;

/**
 * Smooth, learnable stand-ins for faces: a few coloured Gaussian blobs on a tinted background.
 * The warped input is the target shifted by a pixel or two, the loss mask a centred disc (0 outside),
 * so a model can learn the mapping in a few steps, as it would on aligned faces.
 */
public final class SyntheticFaces {

    private SyntheticFaces() {
    }

    public static TrainingBatch batch(int count, int size, long seed) {
        Random random = new Random(seed);
        int plane = size * size;
        float[] target = new float[count * 3 * plane];
        float[] warped = new float[count * 3 * plane];
        float[] weights = new float[count * plane];
        for (int n = 0; n < count; n++) {
            float[] face = face(size, random);
            System.arraycopy(face, 0, target, n * 3 * plane, 3 * plane);
            int dx = random.nextInt(5) - 2;
            int dy = random.nextInt(5) - 2;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int sy = Math.floorMod(y + dy, size);
                        int sx = Math.floorMod(x + dx, size);
                        warped[n * 3 * plane + c * plane + y * size + x] = face[c * plane + sy * size + sx];
                    }
                }
            }
            double r = size * 0.45;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d = Math.hypot(x - size / 2.0, y - size / 2.0);
                    weights[n * plane + y * size + x] = d < r ? 1f : 0f;
                }
            }
        }
        return new TrainingBatch(new FaceBatch(count, size, warped), new FaceBatch(count, size, target), weights);
    }

    private static float[] face(int size, Random random) {
        int plane = size * size;
        float[] face = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            Arrays.fill(face, c * plane, (c + 1) * plane, 0.2f + 0.3f * random.nextFloat());
        }
        for (int blob = 0; blob < 4; blob++) {
            double cx = size * (0.2 + 0.6 * random.nextDouble());
            double cy = size * (0.2 + 0.6 * random.nextDouble());
            double sigma = size * (0.08 + 0.1 * random.nextDouble());
            float[] colour = {random.nextFloat(), random.nextFloat(), random.nextFloat()};
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double g = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
                    for (int c = 0; c < 3; c++) {
                        int i = c * plane + y * size + x;
                        face[i] = (float) (face[i] * (1 - g) + colour[c] * g);
                    }
                }
            }
        }
        return face;
    }
}
