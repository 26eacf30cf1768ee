package dev.doppel.pipeline.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.face.LandmarkSet;

class LandmarkDriftTest {

    @Test
    void isZeroForTheSameLandmarksAndCountsInEyeDistances() {
        LandmarkSet face = face(0, 0, 1);
        assertThat(FrameSwapper.drift(face, face)).isZero();
        // Eyes sit 30 px apart (scale 1); moving every point 3 px is a tenth of that.
        assertThat(FrameSwapper.drift(face, face(3, 0, 1))).isCloseTo(0.1, within(1e-9));
        // The same move on a face twice the size is half the drift.
        assertThat(FrameSwapper.drift(face(0, 0, 2), face(3, 0, 2))).isCloseTo(0.05, within(1e-9));
    }

    // A stand-in face: points along a zigzag, the eyes (36-41 and 42-47) level and 30 px apart, all scaled.
    private static LandmarkSet face(double dx, double dy, double scale) {
        List<LandmarkSet.Point> points = new ArrayList<>();
        for (int i = 0; i < 68; i++) {
            boolean eye = i >= 36 && i < 48;
            double x = eye ? (i < 42 ? 0 : 30) : i;
            points.add(new LandmarkSet.Point(x * scale + dx, (eye ? 0 : i % 7) * scale + dy));
        }
        return new LandmarkSet(points);
    }
}
