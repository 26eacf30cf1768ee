package dev.doppel.pipeline.convert;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.GanRefinement;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * What GAN refinement is for, measured: SwapQualityBenchmark's pair (sample1's largest face as A,
 * sample6's fourth as B) trains an Original for {@code base} steps; the saved model then goes on
 * for {@code more} steps twice, once as it was and once refined with DFL's defaults, and each
 * swaps sample1 to B. Printed: sharpness of the swapped face (variance of the Laplacian inside the
 * mask) and identity distance to B, the ratio of the two models' sharpness, and ms per step of
 * each. Previews and swaps go to {@code target/gan-refinement/}. A measurement, not a test:
 * {@code ./mvnw -B -pl pipeline -Pbench -DskipTests test-compile exec:exec@gan-refinement-benchmark}
 * ({@code -Dgan.base}, {@code -Dgan.more}, {@code -Dgan.width}).
 */
public final class GanRefinementBenchmark {

    private GanRefinementBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int base = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int more = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        double width = args.length > 2 ? Double.parseDouble(args[2]) : 0.25;
        int batch = 4;
        // 6x faceswap's rate, as SwapQualityBenchmark, so a CPU run shows the trend.
        SwapModelOptions options = new SwapModelOptions(64, width, 3e-4, 5);
        File out = new File("target/gan-refinement");
        out.mkdirs();
        Path saved = Files.createTempDirectory("gan-refinement");
        try (FaceModels faces = SampleFaces.models()) {
            FaceExtractor extractor = new FaceExtractor(faces);
            AlignmentOptions alignment = new AlignmentOptions(FrameSwapper.ALIGN_SIZE, Coverage.WHOLE_FACE);
            RgbImage photo = SampleFaces.photo("sample1");
            ExtractedFace a = extractor.extract(photo, alignment).get(0);
            ExtractedFace b = extractor.extract(SampleFaces.photo("sample6"), alignment).get(3);
            Map<String, List<TrainingFace>> pair = Map.of("A", List.of(TrainingFace.of(a.aligned())), "B", List.of(TrainingFace.of(b.aligned())));
            SwapOptions swap = new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.REINHARD, BlendMode.FEATHER,
                    BlendOptions.DEFAULT, FaceSelection.LARGEST, null, 0.6, b.embedding());
            try (SameDiffSwapModel model = SameDiffSwapModel.create(options)) {
                train(model, pair, base, batch, null);
                model.save(saved);
            }
            System.out.printf("Original at width %.2f: %d steps, then %d more each way; A to B %.3f apart before any swap%n", width, base,
                    more, a.embedding().distance(b.embedding()));
            double[] plain = continued("plain", saved, pair, base + more, batch, null, faces, swap, photo, out);
            double[] refined = continued("refined", saved, pair, base + more, batch, GanRefinement.defaults(base, 64), faces, swap, photo, out);
            System.out.printf("refined / plain: sharpness %.2fx, identity distance to B %.3f vs %.3f, time per step %.2fx%n",
                    refined[0] / plain[0], refined[1], plain[1], refined[2] / plain[2]);
        }
    }

    /** @return sharpness of the swap, its distance to B, ms per step */
    private static double[] continued(String name, Path saved, Map<String, List<TrainingFace>> pair, int target, int batch,
            GanRefinement refinement, FaceModels faces, SwapOptions swap, RgbImage photo, File out) throws Exception {
        try (SameDiffSwapModel model = SameDiffSwapModel.load(saved)) {
            long steps = target - model.iteration();
            TrainingSession session = new SwapTraining().open(model, pair, new TrainingPlan(batch, target, 7, refinement));
            long started = System.nanoTime();
            new Trainer(session).train(new Trainer.Options(target, batch, target), Progress.NONE, Cancellation.NEVER, CheckpointSink.NONE);
            double msPerStep = (System.nanoTime() - started) / 1e6 / steps;
            Conversion conversion = new Conversion(faces, model, swap, false);
            var swapped = conversion.photo(photo);
            FaceReport face = conversion.report().faces().get(0);
            System.out.printf("%-8s %d steps at %.0f ms/step: sharpness %.1f (the face it replaced %.1f), distance to B %.3f, to A %.3f%n",
                    name, steps, msPerStep, face.sharpness(), face.inputSharpness(), face.distanceToTarget(), face.distanceToSource());
            ImageIO.write(swapped, "png", new File(out, "swap-" + name + ".png"));
            ImageIO.write(session.preview(), "png", new File(out, "preview-" + name + ".png"));
            return new double[] {face.sharpness(), face.distanceToTarget(), msPerStep};
        }
    }

    private static void train(SameDiffSwapModel model, Map<String, List<TrainingFace>> pair, int steps, int batch, GanRefinement refinement) {
        TrainingSession session = new SwapTraining().open(model, pair, new TrainingPlan(batch, steps, 1, refinement));
        new Trainer(session).train(new Trainer.Options(steps, batch, steps), Progress.NONE, Cancellation.NEVER, CheckpointSink.NONE);
    }
}
