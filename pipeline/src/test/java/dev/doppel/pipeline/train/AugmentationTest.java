package dev.doppel.pipeline.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.image.PlanarImage;

class AugmentationTest {

    private static TrainingFace face;

    @BeforeAll
    static void extract() throws IOException {
        face = TrainingFace.of(SampleFaces.aligned("sample1", 64).get(0));
    }

    @Test
    void mirrorsImageMaskAndLandmarksKeepingTheIbugOrder() {
        Augmentation flipOnly = new Augmentation(0, 0, 0, 1, new LabJitter(0, 0));

        Augmentation.AugmentedFace flipped = flipOnly.apply(face, new Random(1));

        PlanarImage original = PlanarImage.rgb(face.crop());
        int size = face.size();
        for (int y = 0; y < size; y += 7) {
            for (int x = 0; x < size; x += 5) {
                assertThat(flipped.rgb().values()[y * size + x]).isCloseTo(original.values()[y * size + size - 1 - x], within(0.002f));
            }
        }
        // The subject's right eye (36-41) is still 36-41, now on the other side of the picture.
        assertThat(flipped.landmarks().leftEye().x()).isCloseTo(size - 1 - face.landmarksInCrop().rightEye().x(), within(1e-6));
        assertThat(flipped.landmarks().leftEye().x()).isLessThan(flipped.landmarks().rightEye().x());
    }

    @Test
    void movesLandmarksWithThePixels() {
        Augmentation geometryOnly = new Augmentation(10, 0.05, 0.05, 0.5, new LabJitter(0, 0));
        Random random = new Random(4);
        for (int i = 0; i < 5; i++) {
            Augmentation.AugmentedFace out = geometryOnly.apply(face, random);
            // The mask follows the face: the nose tip stays inside it.
            var nose = out.landmarks().points().get(30);
            int index = (int) Math.round(nose.y()) * face.size() + (int) Math.round(nose.x());
            assertThat(out.mask().values()[index]).isGreaterThan(0.9f);
        }
    }

    @Test
    void colourJitterChangesColourNotShape() {
        Augmentation colourOnly = new Augmentation(0, 0, 0, 0, LabJitter.FACESWAP);

        Augmentation.AugmentedFace out = colourOnly.apply(face, new Random(9));

        PlanarImage original = PlanarImage.rgb(face.crop());
        double difference = 0;
        for (int i = 0; i < original.values().length; i++) {
            difference += Math.abs(out.rgb().values()[i] - original.values()[i]);
        }
        assertThat(difference / original.values().length).isBetween(0.005, 0.3);
        assertThat(out.mask().values()).containsExactly(PlanarImage.grey(face.mask()).values(), within(1e-6f));
    }
}
