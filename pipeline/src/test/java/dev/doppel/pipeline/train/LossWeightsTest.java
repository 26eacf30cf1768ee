package dev.doppel.pipeline.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.image.PlanarImage;

class LossWeightsTest {

    @Test
    void weighsEyesThreeMouthTwoFaceOneAndNothingOffTheMask() throws IOException {
        TrainingFace face = TrainingFace.of(SampleFaces.aligned("sample1", 64).get(0));
        LandmarkSet marks = face.landmarksInCrop();

        float[] weights = LossWeights.of(PlanarImage.grey(face.mask()), marks);

        assertThat(at(weights, marks.leftEye())).isEqualTo(LossWeights.EYES);
        assertThat(at(weights, marks.rightEye())).isEqualTo(LossWeights.EYES);
        assertThat(at(weights, marks.mouth())).isEqualTo(LossWeights.MOUTH);
        assertThat(at(weights, marks.points().get(30))).as("nose tip").isEqualTo(LossWeights.FACE);
        float[] mask = PlanarImage.grey(face.mask()).values();
        for (int i = 0; i < weights.length; i++) {
            if (mask[i] < 0.5f) {
                assertThat(weights[i]).isZero();
            }
        }
        assertThat(weights[0]).as("corner").isZero();
    }

    private static float at(float[] weights, LandmarkSet.Point p) {
        return weights[(int) Math.round(p.y()) * 64 + (int) Math.round(p.x())];
    }
}
