package dev.doppel.pipeline.reenact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.doppel.pipeline.drive.TalkingFace;
import dev.doppel.pipeline.convert.BlendMode;
import dev.doppel.pipeline.convert.BlendOptions;
import dev.doppel.pipeline.convert.ColourMatch;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

/**
 * Reenactment's speed on this CPU: a training step of pix2pix and pix2pixHD at full width (ms per
 * step, faces a second), and frames a second of a reenact drive with its time per stage. A
 * measurement, not a test: {@code ./mvnw -B -pl pipeline -Pbench -DskipTests test-compile
 * exec:exec@reenactment-benchmark}. Drive speed does not depend on how far the model trained, so an
 * untrained one draws: sample6's fourth face (its mouth opening and closing, 48 frames at 10 fps,
 * 640 px wide) drives sample1's largest face in the 960 px photo the API tests upload.
 */
public final class ReenactmentBenchmark {

    private ReenactmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        train(Pix2PixOptions.PIX2PIX, 64, 1, 5);
        train(Pix2PixOptions.PIX2PIX, 128, 1, 5);
        train(Pix2PixOptions.PIX2PIX, 128, 4, 3);
        train(Pix2PixOptions.PIX2PIX_HD, 128, 1, 5);
        train(Pix2PixOptions.PIX2PIX_HD, 256, 1, 2);
        drive(128);
        drive(64);
    }

    private static void train(String architecture, int resolution, int batch, int steps) {
        try (SameDiffPix2PixModel model = SameDiffPix2PixModel.create(architecture, new ModelSettings(resolution, 1.0, 2e-4, 1))) {
            SketchSampler sampler = new SketchSampler(SyntheticSketchFaces.of(16, resolution, 1), resolution, 1);
            SketchSampler.Pairs pairs = sampler.next(batch);
            model.trainStep(pairs.sketches(), pairs.faces(), pairs.weights());
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                model.trainStep(pairs.sketches(), pairs.faces(), pairs.weights());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s %d px, full width (%.1f M parameters), batch %d, threads %s: %.0f ms/step, %.2f faces/s%n", architecture,
                    resolution, model.parameterCount() / 1e6, batch, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                    seconds * 1000 / steps, batch * steps / seconds);
        }
    }

    private static void drive(int resolution) throws Exception {
        Path folder = Files.createTempDirectory("doppel-reenact-bench-");
        try (FaceModels faces = SampleFaces.models();
                SameDiffPix2PixModel model = SameDiffPix2PixModel.create(Pix2PixOptions.PIX2PIX, new ModelSettings(resolution, 1.0, 2e-4, 1))) {
            FaceExtractor extractor = new FaceExtractor(faces);
            RgbImage driverPhoto = SampleFaces.photo("sample6");
            List<LocatedFace> located = extractor.locate(driverPhoto);
            TalkingFace driver = TalkingFace.around(driverPhoto, located.get(3), 1.5, 160);
            double[] openings = new double[48];
            for (int k = 0; k < openings.length; k++) {
                openings[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / 8);
            }
            Path driving = folder.resolve("driver.mp4");
            driver.record(driving, openings, 10);
            RgbImage target = SampleFaces.photo("sample1", 960);
            Reenactment reenactment = new Reenactment(faces, model, new Reenactment.Options(0, Coverage.WHOLE_FACE, ColourMatch.REINHARD,
                    BlendMode.FEATHER, BlendOptions.DEFAULT, null, true, false));
            long start = System.nanoTime();
            VideoRewrite.Result result = reenactment.drive(driving, target, folder.resolve("out.mp4"), VideoRewrite.Encoding.DEFAULT,
                    new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, "benchmark"), Progress.NONE, Cancellation.NEVER);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("drive, pix2pix %d px full width, %dx%d driver into a %dx%d photo: %d frames in %.1f s, %.2f frames/s; ms a frame %s%n",
                    resolution, driver.picture().width(), driver.picture().height(), target.width(), target.height(), result.frames(), seconds,
                    result.frames() / seconds, reenactment.times().millisPerFrame(result.frames()));
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
        }
    }
}
