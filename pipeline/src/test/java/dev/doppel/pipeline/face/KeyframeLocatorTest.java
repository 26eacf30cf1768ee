package dev.doppel.pipeline.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.stage.StageTimes;

/** Frames of a pan across sample1 (a 1600x900 window sliding 2 px a frame, at 960x540), as a video would decode them. */
class KeyframeLocatorTest {

    private static FaceModels models;
    private static FaceExtractor extractor;
    private static BufferedImage sample1;

    @BeforeAll
    static void load() throws Exception {
        models = SampleFaces.models();
        extractor = new FaceExtractor(models);
        sample1 = SampleFaces.photo("sample1").toImage();
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static RgbImage pan(BufferedImage photo, int k) {
        BufferedImage frame = new BufferedImage(960, 540, BufferedImage.TYPE_3BYTE_BGR);
        int x = 100 + 2 * k;
        frame.getGraphics().drawImage(photo, 0, 0, 960, 540, x, 100, x + 1600, 100 + 900, null);
        return RgbImage.of(frame);
    }

    @Test
    void followsEveryFaceTheDetectorFindsBetweenKeyframesCloseToWhereItFindsIt() {
        KeyframeLocator locator = new KeyframeLocator(models, 5);
        double worstDrift = 0;
        double worstIou = 1;
        for (int k = 0; k < 10; k++) {
            RgbImage frame = pan(sample1, k);
            List<LocatedFace> followed = locator.locate(frame, new StageTimes());
            List<LocatedFace> detected = extractor.locate(frame);
            // The face at the right edge scores about 0.5, at the detector's threshold: found on some frames and not
            // on others, it is followed from a keyframe that found it and missed until one does.
            List<LocatedFace> confident = detected.stream().filter(face -> face.detection().score() > 0.7).toList();
            assertThat(confident).as("frame %d", k).hasSize(2);
            for (LocatedFace face : confident) {
                LocatedFace nearest = followed.stream()
                        .max((a, b) -> Double.compare(a.detection().box().iou(face.detection().box()), b.detection().box().iou(face.detection().box())))
                        .orElseThrow();
                worstIou = Math.min(worstIou, nearest.detection().box().iou(face.detection().box()));
                worstDrift = Math.max(worstDrift, inEyeDistances(nearest.landmarks(), face.landmarks()));
            }
        }
        System.out.printf("followed faces: worst box IoU %.3f, worst mean landmark distance %.3f eye distances%n", worstIou, worstDrift);
        assertThat(locator.keyframes()).as("the detector ran on frames 0 and 5 only").isEqualTo(2);
        assertThat(worstIou).isGreaterThan(0.75);
        assertThat(worstDrift).isLessThan(0.1);
    }

    @Test
    void aCutIsAKeyframeAtOnce() throws Exception {
        KeyframeLocator locator = new KeyframeLocator(models, 5);
        for (int k = 0; k < 3; k++) {
            locator.locate(pan(sample1, k), new StageTimes());
        }
        assertThat(locator.keyframes()).isEqualTo(1);
        RgbImage cut = pan(SampleFaces.photo("sample6").toImage(), 0);
        List<LocatedFace> located = locator.locate(cut, new StageTimes());
        assertThat(locator.keyframes()).isEqualTo(2);
        assertThat(located).isEqualTo(extractor.locate(cut));
    }

    @Test
    void anIntervalOfOneDetectsEveryFrame() {
        KeyframeLocator locator = new KeyframeLocator(models, 1);
        for (int k = 0; k < 3; k++) {
            RgbImage frame = pan(sample1, k);
            assertThat(locator.locate(frame, new StageTimes())).isEqualTo(extractor.locate(frame));
        }
        assertThat(locator.keyframes()).isEqualTo(3);
    }

    private static double inEyeDistances(LandmarkSet a, LandmarkSet b) {
        double eyes = Math.hypot(a.leftEye().x() - a.rightEye().x(), a.leftEye().y() - a.rightEye().y());
        double sum = 0;
        List<LandmarkSet.Point> p = new ArrayList<>(a.points());
        for (int i = 0; i < 68; i++) {
            sum += Math.hypot(p.get(i).x() - b.points().get(i).x(), p.get(i).y() - b.points().get(i).y());
        }
        return sum / 68 / eyes;
    }
}
