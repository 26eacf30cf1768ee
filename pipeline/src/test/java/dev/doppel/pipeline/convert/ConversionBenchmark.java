package dev.doppel.pipeline.convert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;

/**
 * Frames per second converting a 720p H.264+AAC clip with faceswap's full-width Original model
 * (82 M parameters; untrained, which costs the same), broken down by step: detect, landmarks,
 * align, swap, blend (colour match + paste), measure (the quality report, about once a second),
 * and decode+encode (what the frame work waited for them). The clip pans across sample1 (2.7 faces
 * a frame). Frame by frame (every frame detected and swapped alone) is measured in the same run as
 * the default pacing (batches of frames through the model, the detector on keyframes), each after
 * an unmeasured conversion of the same clip. A measurement, not a test: run {@code ./mvnw -B -o -q -pl pipeline -Pbench -DskipTests
 * test-compile exec:exec@conversion-benchmark}.
 */
public final class ConversionBenchmark {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    private ConversionBenchmark() {
    }

    private record Case(String name, int resolution, BlendMode blend, Conversion.VideoSettings settings) {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path dir = Files.createTempDirectory("doppel-convert-bench");
        Path clip = PannedClip.write(dir.resolve("clip.mp4"), WIDTH, HEIGHT, frames);
        List<Case> cases = List.of(
                new Case("frame by frame", 64, BlendMode.FEATHER, Conversion.VideoSettings.FRAME_BY_FRAME),
                new Case("default", 64, BlendMode.FEATHER, Conversion.VideoSettings.DEFAULT),
                new Case("default", 64, BlendMode.SEAMLESS, Conversion.VideoSettings.DEFAULT),
                new Case("default", 128, BlendMode.FEATHER, Conversion.VideoSettings.DEFAULT));
        Map<Integer, SameDiffSwapModel> models = new LinkedHashMap<>();
        try (FaceModels faces = SampleFaces.models()) {
            double reference = 0;
            for (Case test : cases) {
                SameDiffSwapModel model = models.computeIfAbsent(test.resolution(),
                        size -> SameDiffSwapModel.create(new SwapModelOptions(size, 1.0, 5e-5, 1)));
                SwapOptions options = new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.REINHARD, test.blend(), BlendOptions.DEFAULT,
                        FaceSelection.ALL, null, 0.6, null);
                // The same clip once unmeasured: oneDNN and the JIT settle over the first few dozen frames of each pacing.
                convert(new Conversion(faces, model, options, false, test.settings()), clip, dir.resolve("warm-up.mp4"));
                Conversion conversion = new Conversion(faces, model, options, false, test.settings());
                long start = System.nanoTime();
                VideoRewrite.Result result = convert(conversion, clip, dir.resolve("out.mp4"));
                double seconds = (System.nanoTime() - start) / 1e9;
                double fps = result.frames() / seconds;
                if (test.settings().equals(Conversion.VideoSettings.FRAME_BY_FRAME)) {
                    reference = fps;
                }
                System.out.printf("%s (batches of %d frames, keyframes every %d), %d px, blend %s: %dx%d, %d frames, %d faces swapped, "
                        + "detector on %d frames: %.2f frames/s (%.0f ms a frame), %.2fx frame by frame%n", test.name(),
                        test.settings().batchFrames(), test.settings().keyframeInterval(), test.resolution(), test.blend(), result.width(),
                        result.height(), result.frames(), conversion.report().facesSwapped(), conversion.keyframes(), fps,
                        1000 * seconds / result.frames(), fps / reference);
                for (Map.Entry<String, Double> step : conversion.times().millisPerFrame(result.frames()).entrySet()) {
                    System.out.printf("  %-14s %8.1f ms/frame%n", step.getKey(), step.getValue());
                }
            }
        } finally {
            models.values().forEach(SameDiffSwapModel::close);
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static VideoRewrite.Result convert(Conversion conversion, Path clip, Path out) throws Exception {
        return conversion.video(clip, out, VideoRewrite.Encoding.DEFAULT,
                new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, "benchmark"), Progress.NONE, Cancellation.NEVER);
    }
}
