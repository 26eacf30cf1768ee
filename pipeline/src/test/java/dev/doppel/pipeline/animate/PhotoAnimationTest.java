package dev.doppel.pipeline.animate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.doppel.pipeline.drive.DrivingReport;
import dev.doppel.pipeline.drive.NeutralFace;
import dev.doppel.pipeline.drive.NoFace;
import dev.doppel.pipeline.drive.TalkingFace;
import dev.doppel.pipeline.face.FaceBox;
import dev.doppel.pipeline.face.FaceEmbedding;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.face.UmeyamaTransform;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

/**
 * The animation without training on real faces and the real networks: sample6's second face, with
 * the room and a neighbour around it, is moved by a driver (the same photo's fourth face) who opens
 * and closes its mouth over a clip with sound.
 */
class PhotoAnimationTest {

    private static final int FPS = 10;
    private static final int FACE_WIDTH = 96;
    private static final Provenance LABEL = new Provenance(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, "test animation");

    private static FaceModels faces;
    private static FaceExtractor extractor;
    private static RgbImage photo;
    private static TalkingFace driver;

    @TempDir
    static Path folder;

    @BeforeAll
    static void load() throws Exception {
        faces = SampleFaces.models();
        extractor = new FaceExtractor(faces);
        RgbImage driverPhoto = SampleFaces.photo("sample6");
        photo = TalkingFace.around(driverPhoto, extractor.locate(driverPhoto).get(1), 1.5, FACE_WIDTH).picture();
        driver = TalkingFace.around(driverPhoto, extractor.locate(driverPhoto).get(3), 0.6, FACE_WIDTH);
    }

    @AfterAll
    static void close() {
        faces.close();
    }

    private static PhotoAnimation.Options options(Integer faceIndex) {
        return new PhotoAnimation.Options(0, faceIndex, true, false);
    }

    @Test
    void thePhotosMouthFollowsTheDriversItStaysItselfAndTheBackgroundStaysStill() throws Exception {
        double[] openings = new double[40];
        for (int k = 0; k < openings.length; k++) {
            openings[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / 8);
        }
        Path driving = folder.resolve("driver.mp4");
        driver.record(driving, openings, FPS);
        Path output = folder.resolve("animated.mp4");

        PhotoAnimation animation = new PhotoAnimation(faces, new LandmarkWarp(), options(null));
        VideoRewrite.Result result = animation.animate(driving, photo, output, VideoRewrite.Encoding.DEFAULT, LABEL, Progress.NONE,
                Cancellation.NEVER);

        if (Boolean.getBoolean("animate.debug")) {
            Path debug = Files.createDirectories(Path.of("target/animate-debug"));
            javax.imageio.ImageIO.write(photo.toImage(), "png", debug.resolve("photo.png").toFile());
            javax.imageio.ImageIO.write(driver.frame(1), "png", debug.resolve("driver-1.png").toFile());
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(output.toFile()); Java2DFrameConverter converter = new Java2DFrameConverter()) {
                grabber.start();
                for (int k = 0; k <= 4; k++) {
                    BufferedImage image = converter.convert(grabber.grabImage());
                    javax.imageio.ImageIO.write(image, "png", debug.resolve("out-" + k + ".png").toFile());
                }
            }
        }
        DrivingReport report = animation.report();
        System.out.printf("mouth correlation %.3f, summary %s, ms/frame %s%n", report.mouthCorrelation(), report.summary(),
                animation.times().millisPerFrame(report.frames()));
        report.listed().forEach(f -> System.out.printf("  %d driver %.3f output %.3f%n", f.index(), f.driverMouth(), f.outputMouth()));
        assertThat(result.frames()).isEqualTo(openings.length);
        assertThat(report.framesDriven()).isEqualTo(openings.length);
        assertThat(report.mouthCorrelation()).as("the photo's mouth opens and closes with the driver's").isGreaterThan(0.8);
        assertThat((double) report.summary().get("meanIdentityDistance")).as("still the photo's person")
                .isLessThan(FaceEmbedding.SAME_PERSON);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(output.toFile()); Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(photo.width());
            assertThat(grabber.getImageHeight()).isEqualTo(photo.height());
            assertThat(grabber.getVideoFrameRate()).isCloseTo(FPS, within(0.01));
            assertThat(grabber.hasAudio()).as("the driver's sound").isTrue();
            BufferedImage widest = null;
            for (int k = 0; k <= 4; k++) {
                widest = converter.convert(grabber.grabImage());
            }
            RgbImage frame = RgbImage.of(widest);
            assertThat(meanDifference(frame, photo, 0, 0, 24)).as("the background in a corner, past the head").isLessThan(3);
            assertThat(meanDifference(frame, photo, photo.width() - 24, photo.height() - 24, 24)).isLessThan(3);
        }
    }

    @Test
    void theHeadMovesWithTheDriversHeadScaledToThePhoto() throws Exception {
        LocatedFace face = extractor.locate(photo).get(0);
        LocatedFace driverFace = extractor.locate(driver.picture()).get(0);
        NeutralFace neutral = new NeutralFace(0, driver.picture(), driverFace.landmarks());
        double scale = UmeyamaTransform.estimate(driverFace.landmarks().points(), face.landmarks().points()).scale();
        LandmarkSet shifted = new LandmarkSet(driverFace.landmarks().points().stream()
                .map(p -> new LandmarkSet.Point(p.x() + 10, p.y())).toList());

        PhotoAnimation.Animated moved = new LandmarkWarp().open(photo, face, neutral).animate(driver.picture(), shifted);

        FaceBox box = moved.face();
        System.out.printf("scale %.3f box %s -> %s%n", scale, face.detection().box(), box);
        assertThat(Math.hypot(box.x() - face.detection().box().x(), box.y() - face.detection().box().y())).isCloseTo(10 * scale, within(0.5));
        LandmarkSet found = faces.landmarks().landmarks(moved.image(), List.of(box)).get(0);
        LandmarkSet.Point nose = found.points().get(30);
        LandmarkSet.Point still = face.landmarks().points().get(30);
        assertThat(Math.hypot(nose.x() - still.x(), nose.y() - still.y())).as("the nose tip, found again in the output")
                .isCloseTo(10 * scale, within(2.5));
    }

    @Test
    void aPhotoWithoutTheFaceAskedForOrADriverWithoutAFaceIsRefusedAndLeavesNothing() throws Exception {
        Path driving = folder.resolve("short.mp4");
        driver.record(driving, new double[] {0, 0.5, 1}, FPS);
        Path blank = folder.resolve("blank.mp4");
        TalkingFace.blank(blank, 64, 48, 6, FPS);
        Path output = folder.resolve("nothing.mp4");
        RgbImage grey = RgbImage.of(new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR));
        assertThatThrownBy(() -> new PhotoAnimation(faces, new LandmarkWarp(), options(null)).animate(driving, grey, output,
                VideoRewrite.Encoding.DEFAULT, LABEL, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(NoFace.class).hasMessage("No face was found in the photo.");
        assertThatThrownBy(() -> new PhotoAnimation(faces, new LandmarkWarp(), options(9)).animate(driving, photo, output,
                VideoRewrite.Encoding.DEFAULT, LABEL, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(NoFace.class).hasMessageMatching("The photo has \\d faces?, so it has no face 9; faceIndex counts from 0 at the left, up to \\d\\.");
        assertThatThrownBy(() -> new PhotoAnimation(faces, new LandmarkWarp(), options(null)).animate(blank, photo, output,
                VideoRewrite.Encoding.DEFAULT, LABEL, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(NoFace.class).hasMessage("No face was found in the driving video.");
        assertThat(Files.exists(output)).isFalse();
    }

    private static double meanDifference(RgbImage a, RgbImage b, int left, int top, int side) {
        double sum = 0;
        for (int y = top; y < top + side; y++) {
            for (int x = left; x < left + side; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.value(x, y, c) - b.value(x, y, c));
                }
            }
        }
        return sum / (side * side * 3);
    }
}
