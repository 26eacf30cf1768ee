package dev.doppel.pipeline.convert;

import java.io.File;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.pipeline.swap.PreviewGrid;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * How a swap's identity moves with training: ConversionTest's pair (sample1's largest face as A,
 * the face furthest from her, sample6's fourth, as B) trained for longer than CI can afford, the
 * A-to-B swap of sample1 measured every few hundred steps, and the preview grid and swapped photo
 * written to {@code target/swap-quality/} to look at. A measurement, not a test: run
 * {@code ./mvnw -B -pl pipeline -Pbench verify -DskipTests} (arguments: steps, width scale).
 */
public final class SwapQualityBenchmark {

    private SwapQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        double width = args.length > 1 ? Double.parseDouble(args[1]) : 0.25;
        File out = new File("target/swap-quality");
        out.mkdirs();
        try (FaceModels faces = SampleFaces.models();
                SameDiffSwapModel model = SameDiffSwapModel.create(new SwapModelOptions(64, width, 3e-4, 5))) {
            FaceExtractor extractor = new FaceExtractor(faces);
            AlignmentOptions options = new AlignmentOptions(FrameSwapper.ALIGN_SIZE, Coverage.WHOLE_FACE);
            RgbImage photo = SampleFaces.photo("sample1");
            ExtractedFace a = extractor.extract(photo, options).get(0);
            ExtractedFace b = extractor.extract(SampleFaces.photo("sample6"), options).get(3);
            List<TrainingFace> facesA = List.of(TrainingFace.of(a.aligned()));
            List<TrainingFace> facesB = List.of(TrainingFace.of(b.aligned()));
            Trainer trainer = new Trainer(new SwapTraining().open(model, Map.of("A", facesA, "B", facesB), new TrainingPlan(4, steps, 1)));
            SwapOptions swap = new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.REINHARD, BlendMode.FEATHER,
                    BlendOptions.DEFAULT, FaceSelection.LARGEST, null, 0.6, b.embedding());
            System.out.printf("A to B: %.3f apart before any swap%n", a.embedding().distance(b.embedding()));
            long started = System.nanoTime();
            for (int done = Math.min(250, steps); done <= steps; done += 250) {
                trainer.train(new Trainer.Options(done, 4, done), Progress.NONE, Cancellation.NEVER, (session, losses) -> { });
                Conversion conversion = new Conversion(faces, model, swap, false);
                var swapped = conversion.photo(photo);
                FaceReport face = conversion.report().faces().get(0);
                System.out.printf("%5d steps (%4.0f s): swap to B %.3f, swap to A %.3f, landmark drift %.3f%n", done,
                        (System.nanoTime() - started) / 1e9, face.distanceToTarget(), face.distanceToSource(), face.landmarkDrift());
                ImageIO.write(swapped, "png", new File(out, "swap-" + done + ".png"));
                ImageIO.write(PreviewGrid.render(model, facesA, facesB), "png", new File(out, "preview-" + done + ".png"));
            }
        }
    }
}
