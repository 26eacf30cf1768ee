package dev.doppel.pipeline.convert;

import java.io.File;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.doppel.pipeline.cyclegan.CycleGanTraining;
import dev.doppel.pipeline.cyclegan.SameDiffCycleGanModel;
import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * How a swap's identity moves with training, for either family: ConversionTest's pair (sample1's
 * largest face as A, the face furthest from her, sample6's fourth, as B) trained for longer than CI
 * can afford, the A-to-B swap of sample1 measured every {@code every} steps, and the preview grid
 * and swapped photo written to {@code target/swap-quality/<architecture>/} to look at. A
 * measurement, not a test: run {@code ./mvnw -B -pl pipeline -Pbench verify -DskipTests}, or this one
 * alone with {@code ./mvnw -B -pl pipeline -Pbench exec:exec@swap-quality-benchmark -Dquality.architecture=cyclegan}
 * ({@code -Dquality.steps}, {@code -Dquality.width}, {@code -Dquality.every}: steps, width scale, steps between measurements).
 */
public final class SwapQualityBenchmark {

    private SwapQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String architecture = args.length > 0 ? args[0] : "original";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        double width = args.length > 2 ? Double.parseDouble(args[2]) : 0.25;
        int every = args.length > 3 ? Integer.parseInt(args[3]) : 250;
        boolean cycleGan = architecture.equals("cyclegan");
        // The Original at 6x faceswap's rate and batch 4, as ConversionTest; CycleGAN at the reference's 2e-4 and batch 1.
        ModelSettings settings = new ModelSettings(64, width, cycleGan ? 2e-4 : 3e-4, 5);
        int batch = cycleGan ? 1 : 4;
        File out = new File("target/swap-quality/" + architecture);
        out.mkdirs();
        try (FaceModels faces = SampleFaces.models();
                TrainableModel model = cycleGan ? SameDiffCycleGanModel.create(settings) : SameDiffSwapModel.create(SwapModelOptions.of(settings))) {
            FaceExtractor extractor = new FaceExtractor(faces);
            AlignmentOptions options = new AlignmentOptions(FrameSwapper.ALIGN_SIZE, Coverage.WHOLE_FACE);
            RgbImage photo = SampleFaces.photo("sample1");
            ExtractedFace a = extractor.extract(photo, options).get(0);
            ExtractedFace b = extractor.extract(SampleFaces.photo("sample6"), options).get(3);
            List<TrainingFace> facesA = List.of(TrainingFace.of(a.aligned()));
            List<TrainingFace> facesB = List.of(TrainingFace.of(b.aligned()));
            TrainingRecipe recipe = cycleGan ? new CycleGanTraining() : new SwapTraining();
            TrainingSession session = recipe.open(model, Map.of("A", facesA, "B", facesB), new TrainingPlan(batch, steps, 1));
            Trainer trainer = new Trainer(session);
            SwapOptions swap = new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.REINHARD, BlendMode.FEATHER,
                    BlendOptions.DEFAULT, FaceSelection.LARGEST, null, 0.6, b.embedding());
            System.out.printf("%s, width %.2f, %.2f M parameters. A to B: %.3f apart before any swap%n", architecture, width,
                    model.parameterCount() / 1e6, a.embedding().distance(b.embedding()));
            long started = System.nanoTime();
            for (int done = Math.min(every, steps); done <= steps; done += every) {
                trainer.train(new Trainer.Options(done, batch, done), Progress.NONE, Cancellation.NEVER, CheckpointSink.NONE);
                Conversion conversion = new Conversion(faces, (FaceTranslator) model, swap, false);
                var swapped = conversion.photo(photo);
                FaceReport face = conversion.report().faces().get(0);
                System.out.printf("%5d steps (%4.0f s): swap to B %.3f, swap to A %.3f, landmark drift %.3f%n", done,
                        (System.nanoTime() - started) / 1e9, face.distanceToTarget(), face.distanceToSource(), face.landmarkDrift());
                ImageIO.write(swapped, "png", new File(out, "swap-" + done + ".png"));
                ImageIO.write(session.preview(), "png", new File(out, "preview-" + done + ".png"));
            }
        }
    }
}
