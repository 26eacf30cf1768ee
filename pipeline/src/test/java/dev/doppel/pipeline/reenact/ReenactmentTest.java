package dev.doppel.pipeline.reenact;

import dev.doppel.pipeline.drive.TalkingFace;
import dev.doppel.pipeline.drive.DriverTrack;
import dev.doppel.pipeline.drive.DrivingReport;
import dev.doppel.pipeline.drive.NoFace;
import dev.doppel.pipeline.drive.NoNeutralFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.doppel.pipeline.convert.BlendMode;
import dev.doppel.pipeline.convert.BlendOptions;
import dev.doppel.pipeline.convert.ColourMatch;
import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Reenactment end to end on real faces and the real networks: a tiny pix2pix learns the target
 * (sample1's largest face, its mouth opened by different amounts) from 40 frames, and a driver
 * (sample6's fourth face) opens and closes its mouth over a clip with sound.
 */
class ReenactmentTest {

    private static final int STEPS = 500;
    private static final int FPS = 10;
    /** About the size a 64 px model draws at: larger, and the landmark net reads a blur. */
    private static final int FACE_WIDTH = 96;
    private static final Provenance LABEL = new Provenance(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, "test reenactment");

    private static FaceModels faces;
    private static SameDiffPix2PixModel model;
    private static TalkingFace target;
    private static ExtractedFace targetFace;

    @TempDir
    static Path folder;

    @BeforeAll
    static void train() throws Exception {
        faces = SampleFaces.models();
        FaceExtractor extractor = new FaceExtractor(faces);
        RgbImage photo = SampleFaces.photo("sample1");
        target = TalkingFace.around(photo, extractor.locate(photo).get(0), 0.6, FACE_WIDTH);
        AlignmentOptions alignment = new AlignmentOptions(256, Coverage.WHOLE_FACE);
        targetFace = extractor.extract(target.picture(), alignment).get(0);
        List<TrainingFace> training = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            List<ExtractedFace> found = extractor.extract(RgbImage.of(target.frame(random.nextDouble())), alignment);
            training.add(TrainingFace.of(found.get(0).aligned()));
        }
        model = SameDiffPix2PixModel.create(Pix2PixOptions.PIX2PIX, new ModelSettings(64, 0.25, 1e-3, 5));
        Trainer.Result result = new Trainer(new Pix2PixTraining().open(model, Map.of(Pix2PixTraining.ROLE, training), new TrainingPlan(4, STEPS, 1)))
                .train(new Trainer.Options(STEPS, 4, STEPS), Progress.NONE, Cancellation.NEVER, CheckpointSink.NONE);
        System.out.printf("trained %d steps in %.1f s%n", result.iterations(), result.seconds());
    }

    @AfterAll
    static void close() {
        model.close();
        faces.close();
    }

    private static Reenactment.Options options(int neutralFrame) {
        return new Reenactment.Options(neutralFrame, Coverage.WHOLE_FACE, ColourMatch.REINHARD, BlendMode.FEATHER, BlendOptions.DEFAULT,
                targetFace.embedding(), true, false);
    }

    @Test
    void theTargetsMouthFollowsTheDriversWithTheDriversFramesRateAndSound() throws Exception {
        FaceExtractor extractor = new FaceExtractor(faces);
        RgbImage driverPhoto = SampleFaces.photo("sample6");
        List<LocatedFace> located = extractor.locate(driverPhoto);
        TalkingFace driver = TalkingFace.around(driverPhoto, located.get(3), 0.6, FACE_WIDTH);
        double[] openings = new double[48];
        for (int k = 0; k < openings.length; k++) {
            openings[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / 8);
        }
        Path driving = folder.resolve("driver.mp4");
        driver.record(driving, openings, FPS);
        Path output = folder.resolve("reenacted.mp4");

        Reenactment reenactment = new Reenactment(faces, model, options(0));
        VideoRewrite.Result result = reenactment.drive(driving, target.picture(), output, VideoRewrite.Encoding.DEFAULT, LABEL,
                Progress.NONE, Cancellation.NEVER);

        if (Boolean.getBoolean("reenact.debug")) {
            Path debug = Files.createDirectories(Path.of("target/reenact-debug"));
            javax.imageio.ImageIO.write(target.frame(0), "png", debug.resolve("target-0.png").toFile());
            javax.imageio.ImageIO.write(target.frame(1), "png", debug.resolve("target-1.png").toFile());
            javax.imageio.ImageIO.write(driver.frame(0), "png", debug.resolve("driver-0.png").toFile());
            javax.imageio.ImageIO.write(driver.frame(1), "png", debug.resolve("driver-1.png").toFile());
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(output.toFile());
                    org.bytedeco.javacv.Java2DFrameConverter converter = new org.bytedeco.javacv.Java2DFrameConverter()) {
                grabber.start();
                for (int k = 0; k < 5; k++) {
                    javax.imageio.ImageIO.write(converter.convert(grabber.grabImage()), "png", debug.resolve("out-" + k + ".png").toFile());
                }
            }
            javax.imageio.ImageIO.write(Pix2PixTraining.preview(model, List.of(TrainingFace.of(targetFace.aligned()))), "png",
                    debug.resolve("preview.png").toFile());
        }
        DrivingReport report = reenactment.report();
        System.out.printf("mouth correlation %.3f, eyes %.3f, summary %s, ms/frame %s%n", report.mouthCorrelation(), report.eyeCorrelation(),
                report.summary(), reenactment.times().millisPerFrame(report.frames()));
        report.listed().forEach(f -> System.out.printf("  %d driver %.3f output %.3f%n", f.index(), f.driverMouth(), f.outputMouth()));
        assertThat(result.frames()).isEqualTo(openings.length);
        assertThat(report.framesDriven()).isEqualTo(openings.length);
        assertThat(report.mouthCorrelation()).as("the output's mouth opens and closes with the driver's").isGreaterThan(0.5);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(output.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(target.picture().width());
            assertThat(grabber.getImageHeight()).isEqualTo(target.picture().height());
            assertThat(grabber.getVideoFrameRate()).isCloseTo(FPS, org.assertj.core.api.Assertions.within(0.01));
            assertThat(grabber.hasAudio()).as("the driver's sound").isTrue();
        }
        BufferedImage last = reenactment.lastFrame().orElseThrow();
        assertThat(last.getWidth()).isEqualTo(target.picture().width());
    }

    @Test
    void aDriverWhoLeavesThePictureKeepsTheirExpressionForABlinkThenDrivesNothing() throws Exception {
        FaceExtractor extractor = new FaceExtractor(faces);
        RgbImage driverPhoto = SampleFaces.photo("sample6");
        TalkingFace driver = TalkingFace.around(driverPhoto, extractor.locate(driverPhoto).get(3), 0.6, FACE_WIDTH);
        double[] openings = new double[16];
        for (int k = 0; k < openings.length; k++) {
            openings[k] = k >= 6 && k < 14 ? Double.NaN : 0.5;
        }
        Path driving = folder.resolve("leaving.mp4");
        driver.record(driving, openings, FPS);
        Reenactment reenactment = new Reenactment(faces, model, options(0));
        VideoRewrite.Result result = reenactment.drive(driving, target.picture(), folder.resolve("left.mp4"), VideoRewrite.Encoding.DEFAULT,
                LABEL, Progress.NONE, Cancellation.NEVER);
        assertThat(result.frames()).isEqualTo(16);
        assertThat(reenactment.report().framesDriven()).as("8 frames without the driver: 3 keep its expression, 5 are left alone")
                .isEqualTo(16 - (8 - DriverTrack.MISSES));
    }

    @Test
    void aTargetVideoIsFollowedFrameByFrameAndFromItsStartAgainAfterItsEnd() throws Exception {
        Path targetVideo = folder.resolve("target.mp4");
        target.record(targetVideo, new double[] {0, 0.1, 0.2, 0.1, 0}, FPS);
        FaceExtractor extractor = new FaceExtractor(faces);
        RgbImage driverPhoto = SampleFaces.photo("sample6");
        TalkingFace driver = TalkingFace.around(driverPhoto, extractor.locate(driverPhoto).get(3), 0.6, FACE_WIDTH);
        double[] openings = new double[12];
        for (int k = 0; k < openings.length; k++) {
            openings[k] = k % 4 / 3.0;
        }
        Path driving = folder.resolve("driving-a-video.mp4");
        driver.record(driving, openings, FPS);
        Reenactment reenactment = new Reenactment(faces, model, options(0));
        VideoRewrite.Result result = reenactment.drive(driving, targetVideo, folder.resolve("into-video.mp4"), VideoRewrite.Encoding.DEFAULT,
                LABEL, Progress.NONE, Cancellation.NEVER);
        assertThat(result.frames()).as("the driver's length, the 5-frame target looped").isEqualTo(12);
        assertThat(result.width()).isEqualTo(target.picture().width());
        assertThat(reenactment.report().framesDriven()).isEqualTo(12);
    }

    @Test
    void aDriverWithoutAFaceOrANeutralFramePastItsEndIsRefusedAndLeavesNothing() throws Exception {
        Path blank = folder.resolve("blank.mp4");
        TalkingFace.blank(blank, 64, 48, 6, FPS);
        Path output = folder.resolve("nothing.mp4");
        assertThatThrownBy(() -> new Reenactment(faces, model, options(0)).drive(blank, target.picture(), output,
                VideoRewrite.Encoding.DEFAULT, LABEL, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(NoFace.class).hasMessage("No face was found in the driving video.");
        assertThatThrownBy(() -> new Reenactment(faces, model, options(50)).drive(blank, target.picture(), output,
                VideoRewrite.Encoding.DEFAULT, LABEL, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(NoNeutralFrame.class).hasMessageContaining("has 6 frames, so it has no frame 50");
        assertThatThrownBy(() -> new Reenactment(faces, model, options(0)).drive(blank, new RgbImage(64, 48, new byte[64 * 48 * 3]), output,
                VideoRewrite.Encoding.DEFAULT, LABEL, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(NoFace.class).hasMessage("No face was found in the target photo.");
        assertThat(output).doesNotExist();
        try (var left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".nothing"));
        }
    }
}
