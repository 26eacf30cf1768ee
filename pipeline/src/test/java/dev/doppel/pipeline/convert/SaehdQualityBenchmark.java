package dev.doppel.pipeline.convert;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.FineTunable;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.saehd.SameDiffSaehdModel;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * What SAEHD and a pretrained base buy on this CPU, in the same wall-clock budget on the same pair
 * (SwapQualityBenchmark's: sample1's largest face as A, sample6's fourth as B): the Original at
 * 64 px, SAEHD at 128 px from scratch, and SAEHD at 128 px started from a base pretrained on every
 * face of the other sample photos (samples 2 to 5, none of A or B; its pretraining time is stated
 * apart, as a base is made once and serves every later pair). Each swaps sample1 to B; the figures
 * are the swapped face's sharpness inside the mask (variance of the Laplacian) over the real face's,
 * its identity distance to B, and the last losses. Preview grids and swaps go to
 * {@code target/saehd-quality/<run>/}. A measurement, not a test:
 * {@code ./mvnw -B -pl pipeline -Pbench -DskipTests test-compile exec:exec@saehd-quality-benchmark}
 * ({@code -Dsaehd.budget} seconds of training per run, {@code -Dsaehd.pretrain} seconds of pretraining,
 * {@code -Dsaehd.width} SAEHD's width scale).
 */
public final class SaehdQualityBenchmark {

    private static final int BATCH = 4;
    /** The Original's as SwapQualityBenchmark's (Adam); SAEHD's twice DFL's (its AdaBelief steps without bias correction). */
    private static final double ORIGINAL_RATE = 3e-4;
    private static final double SAEHD_RATE = 1e-4;

    private SaehdQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double budget = args.length > 0 ? Double.parseDouble(args[0]) : 300;
        double pretrainBudget = args.length > 1 ? Double.parseDouble(args[1]) : 600;
        double width = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        try (FaceModels faces = SampleFaces.models()) {
            FaceExtractor extractor = new FaceExtractor(faces);
            AlignmentOptions alignment = new AlignmentOptions(FrameSwapper.ALIGN_SIZE, Coverage.WHOLE_FACE);
            ExtractedFace a = extractor.extract(SampleFaces.photo("sample1"), alignment).get(0);
            ExtractedFace b = extractor.extract(SampleFaces.photo("sample6"), alignment).get(3);
            List<TrainingFace> others = new ArrayList<>();
            for (String sample : List.of("sample2", "sample3", "sample4", "sample5")) {
                extractor.extract(SampleFaces.photo(sample), alignment).forEach(face -> others.add(TrainingFace.of(face.aligned())));
            }
            Map<String, List<TrainingFace>> pair = Map.of("A", List.of(TrainingFace.of(a.aligned())), "B", List.of(TrainingFace.of(b.aligned())));
            SwapOptions swap = new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.REINHARD, BlendMode.FEATHER,
                    BlendOptions.DEFAULT, FaceSelection.LARGEST, null, 0.6, b.embedding());
            System.out.printf("A to B %.3f apart before any swap; %d faces of other people to pretrain on; %.0f s a run, width %.2f%n",
                    a.embedding().distance(b.embedding()), others.size(), budget, width);

            ModelImplementation original = SameDiffSwapModel.implementation();
            ModelImplementation saehd = SameDiffSaehdModel.implementation();
            ModelSettings saehdSettings = new ModelSettings(128, width, SAEHD_RATE, 5, Map.of("design", "liae-ud"));
            try (TrainableModel model = original.create(new ModelSettings(64, 0.25, ORIGINAL_RATE, 5))) {
                measure("original-64", model, pair, budget, faces, swap);
            }
            try (TrainableModel model = saehd.create(saehdSettings)) {
                measure("saehd-128", model, pair, budget, faces, swap);
            }
            try (TrainableModel base = saehd.create(saehdSettings); TrainableModel model = saehd.create(saehdSettings)) {
                Run pretraining = train(base, Map.of("A", others, "B", others), pretrainBudget, true);
                System.out.printf("pretrained base: %d steps in %.0f s, losses %s%n", pretraining.steps(), pretraining.seconds(),
                        pretraining.last().values());
                List<String> parts = ((FineTunable) model).startFrom(base);
                System.out.printf("fine-tuned from the base's %s%n", parts);
                measure("saehd-128-from-base", model, pair, budget, faces, swap);
            }
        }
    }

    private record Run(long steps, double seconds, NamedLosses last, TrainingSession session) {
    }

    private static Run train(TrainableModel model, Map<String, List<TrainingFace>> faces, double budget, boolean pretraining) {
        TrainingSession session = new SwapTraining().open(model, faces, new TrainingPlan(BATCH, 1_000_000, 1, null, pretraining));
        long started = System.nanoTime();
        NamedLosses last = null;
        long steps = 0;
        while ((System.nanoTime() - started) / 1e9 < budget) {
            last = session.step();
            steps++;
        }
        return new Run(steps, (System.nanoTime() - started) / 1e9, last, session);
    }

    private static void measure(String name, TrainableModel model, Map<String, List<TrainingFace>> pair, double budget,
            FaceModels faces, SwapOptions swap) throws Exception {
        Run run = train(model, pair, budget, false);
        Conversion conversion = new Conversion(faces, (FaceTranslator) model, swap, false);
        var swapped = conversion.photo(SampleFaces.photo("sample1"));
        FaceReport face = conversion.report().faces().get(0);
        System.out.printf("%-20s %6.2f M params, %5d steps (%4.0f ms a step): sharpness %.1f of the real face's %.1f (%.2fx),"
                        + " distance to B %.3f, to A %.3f; losses %s%n", name, model.parameterCount() / 1e6, run.steps(),
                run.seconds() * 1000 / run.steps(), face.sharpness(), face.inputSharpness(), face.sharpness() / face.inputSharpness(),
                face.distanceToTarget(), face.distanceToSource(), run.last().values());
        File out = new File("target/saehd-quality/" + name);
        out.mkdirs();
        ImageIO.write(swapped, "png", new File(out, "swap.png"));
        ImageIO.write(run.session().preview(), "png", new File(out, "preview.png"));
    }
}
