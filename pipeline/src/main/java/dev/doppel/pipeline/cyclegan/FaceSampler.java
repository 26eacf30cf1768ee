package dev.doppel.pipeline.cyclegan;

import java.util.List;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.train.LightlyAugmentedFaces;
import dev.doppel.pipeline.train.TrainingFace;

/** Batches of one face set for CycleGAN, drawn as {@link LightlyAugmentedFaces} draws them. */
final class FaceSampler {

    private final LightlyAugmentedFaces faces;

    FaceSampler(List<TrainingFace> faces, int resolution, long seed) {
        this.faces = new LightlyAugmentedFaces(faces, resolution, seed);
    }

    FaceBatch next(int count) {
        int resolution = faces.resolution();
        int plane = 3 * resolution * resolution;
        float[] pixels = new float[count * plane];
        for (int n = 0; n < count; n++) {
            System.arraycopy(faces.next().rgb().values(), 0, pixels, n * plane, plane);
        }
        return new FaceBatch(count, resolution, pixels);
    }
}
