package dev.doppel.pipeline.reenact;

import java.util.Arrays;
import java.util.List;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.image.PlanarImage;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.train.Augmentation;
import dev.doppel.pipeline.train.LightlyAugmentedFaces;
import dev.doppel.pipeline.train.LossWeights;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Training pairs of one face set, drawn as {@link LightlyAugmentedFaces} draws them: the face, the
 * sketch of its landmarks as the augmentation moved them (so drawing and face stay in register), and
 * the L1 term's weights from the same landmarks.
 */
final class SketchSampler {

    /** One batch: the sketches, the faces they are drawings of, pair by pair, and each face's L1 weights. */
    record Pairs(FaceBatch sketches, FaceBatch faces, float[] weights) {
    }

    private final LightlyAugmentedFaces faces;
    private final int resolution;

    SketchSampler(List<TrainingFace> faces, int resolution, long seed) {
        this.faces = new LightlyAugmentedFaces(faces, resolution, seed);
        this.resolution = resolution;
    }

    Pairs next(int count) {
        int plane = 3 * resolution * resolution;
        float[] sketches = new float[count * plane];
        float[] pixels = new float[count * plane];
        float[] weights = new float[count * resolution * resolution];
        for (int n = 0; n < count; n++) {
            Augmentation.AugmentedFace face = faces.next();
            System.arraycopy(face.rgb().values(), 0, pixels, n * plane, plane);
            System.arraycopy(LandmarkSketch.planes(face.landmarks(), resolution).values(), 0, sketches, n * plane, plane);
            System.arraycopy(weights(face.landmarks(), resolution), 0, weights, n * resolution * resolution, resolution * resolution);
        }
        return new Pairs(new FaceBatch(count, resolution, sketches), new FaceBatch(count, resolution, pixels), weights);
    }

    /** The faces as they are, unaugmented, and their sketches: what validation and the preview show. */
    static Pairs of(List<TrainingFace> faces, int resolution) {
        int plane = 3 * resolution * resolution;
        float[] sketches = new float[faces.size() * plane];
        float[] pixels = new float[faces.size() * plane];
        float[] weights = new float[faces.size() * resolution * resolution];
        for (int n = 0; n < faces.size(); n++) {
            TrainingFace face = faces.get(n).resized(resolution);
            System.arraycopy(PlanarImage.rgb(face.crop()).values(), 0, pixels, n * plane, plane);
            System.arraycopy(LandmarkSketch.planes(face.landmarksInCrop(), resolution).values(), 0, sketches, n * plane, plane);
            System.arraycopy(weights(face.landmarksInCrop(), resolution), 0, weights, n * resolution * resolution, resolution * resolution);
        }
        return new Pairs(new FaceBatch(faces.size(), resolution, sketches), new FaceBatch(faces.size(), resolution, pixels), weights);
    }

    /**
     * The DeepFakes recipe's eye and mouth priority (x3, x2) over the whole picture: the generator draws
     * all of it, and a reenactment is judged by its eyes and mouth, which are small.
     */
    static float[] weights(LandmarkSet landmarks, int resolution) {
        float[] everywhere = new float[resolution * resolution];
        Arrays.fill(everywhere, 1f);
        return LossWeights.of(new PlanarImage(1, resolution, everywhere), landmarks);
    }
}
