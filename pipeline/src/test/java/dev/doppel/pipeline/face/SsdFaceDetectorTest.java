package dev.doppel.pipeline.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.doppel.pipeline.image.RgbImage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against face-api's own output. Fed jpeg-js's pixels, the port matches the goldens to their
 * rounding (0.001 px, 1e-5 in score); the tolerances here cover only the difference between
 * jpeg-js and ImageIO decoding the same JPEG (up to 1.8 px and 0.015 in score, on weak faces).
 */
class SsdFaceDetectorTest {

    private static SsdFaceDetector detector;

    @BeforeAll
    static void load() throws IOException {
        detector = SsdFaceDetector.load(FaceApiAssets.models());
    }

    static List<String> samples() {
        return FaceApiAssets.SAMPLES;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void findsTheFacesFaceApiFinds(String sample) throws IOException {
        JsonNode golden = FaceApiAssets.golden(sample);
        List<DetectedFace> faces = detector.detect(FaceApiAssets.photo(sample));

        assertThat(faces).hasSize(golden.get("faces").size());
        for (int i = 0; i < faces.size(); i++) {
            JsonNode expected = golden.get("faces").get(i);
            FaceBox want = FaceApiAssets.box(expected.get("box"));
            FaceBox got = faces.get(i).box();
            assertThat(faces.get(i).score()).isCloseTo(expected.get("score").asDouble(), within(0.02));
            assertThat(got.x()).isCloseTo(want.x(), within(2.0));
            assertThat(got.y()).isCloseTo(want.y(), within(2.0));
            assertThat(got.right()).isCloseTo(want.right(), within(2.0));
            assertThat(got.bottom()).isCloseTo(want.bottom(), within(2.0));
        }
    }

    /** A batch of pictures of different sizes: each padded and scaled on its own, decoded from its own slice of the output. */
    @Test
    void aBatchFindsInEachPictureWhatItFindsAlone() throws IOException {
        List<RgbImage> photos = new ArrayList<>();
        for (String sample : FaceApiAssets.SAMPLES) {
            photos.add(FaceApiAssets.photo(sample));
        }
        List<List<DetectedFace>> batched = detector.detectAll(photos);

        assertThat(batched).hasSameSizeAs(photos);
        for (int n = 0; n < photos.size(); n++) {
            List<DetectedFace> alone = detector.detect(photos.get(n));
            assertThat(batched.get(n)).as(FaceApiAssets.SAMPLES.get(n)).hasSameSizeAs(alone).isNotEmpty();
            for (int i = 0; i < alone.size(); i++) {
                assertThat(batched.get(n).get(i).score()).isCloseTo(alone.get(i).score(), within(1e-4));
                assertThat(batched.get(n).get(i).box().iou(alone.get(i).box())).isGreaterThan(0.999);
            }
        }
    }
}
