package dev.doppel.pipeline.animate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import dev.doppel.pipeline.drive.TalkingFace;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.motion.SameDiffMotionModel;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

/**
 * Animation's speed on this CPU: a training step of the first-order motion model at full width
 * (ms per step, frame pairs a second) at 64 and 128 px, and frames a second of an animation by each
 * method with its time per stage. A measurement, not a test: {@code ./mvnw -B -pl pipeline -Pbench
 * -DskipTests test-compile exec:exec@animation-benchmark}. Speed does not depend on how far a model
 * trained, so an untrained one draws: sample6's fourth face (its mouth opening and closing, 48
 * frames at 10 fps, 640 px wide) moves sample1's largest face in the 960 px photo the API tests
 * upload.
 */
public final class AnimationBenchmark {

    private AnimationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        train(64, 4, 5);
        train(128, 4, 3);
        Path folder = Files.createTempDirectory("doppel-animate-bench-");
        try (FaceModels faces = SampleFaces.models()) {
            FaceExtractor extractor = new FaceExtractor(faces);
            RgbImage driverPhoto = SampleFaces.photo("sample6");
            TalkingFace driver = TalkingFace.around(driverPhoto, extractor.locate(driverPhoto).get(3), 1.5, 160);
            double[] openings = new double[48];
            for (int k = 0; k < openings.length; k++) {
                openings[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / 8);
            }
            Path driving = folder.resolve("driver.mp4");
            driver.record(driving, openings, 10);
            RgbImage photo = SampleFaces.photo("sample1", 960);
            animate(faces, new LandmarkWarp(), "warp", driving, photo, folder);
            try (SameDiffMotionModel model = SameDiffMotionModel.create(new ModelSettings(64, 1, 2e-4, 1))) {
                animate(faces, new LearnedMotion(model, Coverage.WHOLE_FACE), "fomm 64 px full width", driving, photo, folder);
            }
        } finally {
            try (var files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void train(int resolution, int batch, int steps) {
        try (SameDiffMotionModel model = SameDiffMotionModel.create(new ModelSettings(resolution, 1, 2e-4, 1))) {
            FaceBatch sources = noise(batch, resolution, 1);
            FaceBatch drivings = noise(batch, resolution, 2);
            model.trainStep(sources, drivings);
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                model.trainStep(sources, drivings);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("fomm %d px, full width (%.2f M parameters), batch %d, threads %s: %.0f ms/step, %.2f pairs/s%n", resolution,
                    model.parameterCount() / 1e6, batch, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), seconds * 1000 / steps,
                    batch * steps / seconds);
        }
    }

    private static void animate(FaceModels faces, PhotoAnimation.Method method, String name, Path driving, RgbImage photo, Path folder)
            throws Exception {
        PhotoAnimation animation = new PhotoAnimation(faces, method, new PhotoAnimation.Options(0, null, true, false));
        long start = System.nanoTime();
        VideoRewrite.Result result = animation.animate(driving, photo, folder.resolve(method.name() + ".mp4"), VideoRewrite.Encoding.DEFAULT,
                new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, "benchmark"), Progress.NONE, Cancellation.NEVER);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("animate, %s, a 640 px driver into a %dx%d photo: %d frames in %.1f s, %.2f frames/s; ms a frame %s%n", name,
                photo.width(), photo.height(), result.frames(), seconds, result.frames() / seconds,
                animation.times().millisPerFrame(result.frames()));
    }

    private static FaceBatch noise(int count, int size, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] pixels = new float[count * 3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return new FaceBatch(count, size, pixels);
    }
}
