package dev.doppel.pipeline.cyclegan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.image.PlanarImage;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.train.TrainingFace;

/** The CycleGAN recipe under the generic training loop, on two made-up people. */
class CycleGanTrainingTest {

    private static final int STEPS = 30;
    private static final int BATCH = 2;

    @Test
    void cycleLossFallsAndEveryLossStaysFiniteUnderTheCommonLoop() {
        List<TrainingFace> a = SyntheticFaces.personA(6, 64, 1);
        List<TrainingFace> b = SyntheticFaces.personB(6, 64, 2);
        List<NamedLosses> steps = new ArrayList<>();
        try (SameDiffCycleGanModel model = SameDiffCycleGanModel.create(CycleGanModelTest.TINY)) {
            FaceBatch probe = faces(a.subList(0, 1));
            TrainingSession session = new CycleGanTraining().open(model, Map.of("A", a, "B", b), new TrainingPlan(BATCH, 1000, 1));
            // The Trainer reports only checkpoints; every step's losses are wanted here.
            List<Long> nanos = new ArrayList<>();
            TrainingSession recorded = recording(session, steps, nanos);
            Trainer.Result result = new Trainer(recorded).train(new Trainer.Options(STEPS, BATCH, 10),
                    Progress.NONE, Cancellation.NEVER, CheckpointSink.NONE);
            BufferedImage preview = session.preview();

            // The first step also builds the gradient graph: time the others.
            double msPerStep = nanos.subList(1, STEPS).stream().mapToLong(Long::longValue).average().orElseThrow() / 1e6;
            System.out.printf("%d steps of %d+%d at 64 px, width 0.125, %d parameters: %.0f ms per step after the first (%.0f ms)%n",
                    result.iterations(), BATCH, BATCH, model.parameterCount(), msPerStep, nanos.get(0) / 1e6);
            System.out.println("first " + steps.get(0) + "\nlast  " + steps.get(STEPS - 1));
            assertThat(steps).hasSize(STEPS);
            assertThat(new ArrayList<>(steps.get(0).values().keySet())).containsExactlyElementsOf(CycleGanLosses.NAMES);
            for (NamedLosses step : steps) {
                step.values().forEach((name, value) -> assertThat(value).as(name).isFinite().isPositive());
            }
            assertThat(average(steps.subList(STEPS - 5, STEPS), "cycleA", "cycleB"))
                    .isLessThan(0.8 * average(steps.subList(0, 5), "cycleA", "cycleB"));
            assertThat(average(steps.subList(STEPS - 5, STEPS), "identityA", "identityB"))
                    .isLessThan(0.8 * average(steps.subList(0, 5), "identityA", "identityB"));

            // Even this early, G_AB has moved A's colours towards B's (blue ground to yellow, warm oval to green).
            FaceBatch asB = model.translate(probe, "B");
            double[] colourB = meanColour(faces(b));
            System.out.printf("mean colour: A %s, A as B %s, B %s%n", java.util.Arrays.toString(meanColour(probe)),
                    java.util.Arrays.toString(meanColour(asB)), java.util.Arrays.toString(colourB));
            assertThat(CycleGanModelTest.meanAbsoluteDifference(asB, probe)).isGreaterThan(0.05);
            assertThat(distance(meanColour(asB), colourB)).isLessThan(0.5 * distance(meanColour(probe), colourB));
            assertThat(preview.getWidth()).isEqualTo(CycleGanPreview.COLUMNS * 64);
            assertThat(preview.getHeight()).isEqualTo(4 * 64);
            assertThat(session.previewLayout()).startsWith("columns: A, A as B");
        }
    }

    @Test
    void refusesAModelOfAnotherFamilyOrMissingFaces() {
        try (SameDiffCycleGanModel model = SameDiffCycleGanModel.create(CycleGanModelTest.TINY)) {
            assertThat(new CycleGanTraining().family()).isEqualTo("cyclegan");
            assertThatThrownBy(() -> new CycleGanTraining().open(model, Map.of("A", SyntheticFaces.personA(1, 64, 1)), new TrainingPlan(BATCH, 1000, 1)))
                    .hasMessageContaining("role B");
            Map<String, List<dev.doppel.pipeline.train.TrainingFace>> both = Map.of("A", SyntheticFaces.personA(1, 64, 1),
                    "B", SyntheticFaces.personB(1, 64, 2));
            assertThatThrownBy(() -> new CycleGanTraining().open(model, both,
                    new TrainingPlan(BATCH, 1000, 1, dev.doppel.pipeline.family.GanRefinement.defaults(0, 64))))
                    .as("a recipe that cannot refine refuses a plan that asks").hasMessageContaining("no GAN refinement");
        }
    }

    private static TrainingSession recording(TrainingSession session, List<NamedLosses> steps, List<Long> nanos) {
        return TrainingSession.of(session.model(), () -> {
            long start = System.nanoTime();
            NamedLosses losses = session.step();
            nanos.add(System.nanoTime() - start);
            steps.add(losses);
            return losses;
        }, session::preview, session.previewLayout());
    }

    private static double average(List<NamedLosses> steps, String... names) {
        double sum = 0;
        for (NamedLosses step : steps) {
            for (String name : names) {
                sum += step.values().get(name);
            }
        }
        return sum / steps.size();
    }

    /** Mean R, G, B over every face of the batch. */
    private static double[] meanColour(FaceBatch batch) {
        int plane = batch.size() * batch.size();
        double[] mean = new double[3];
        for (int i = 0; i < batch.pixels().length; i++) {
            mean[i / plane % 3] += batch.pixels()[i] / ((double) plane * batch.count());
        }
        return mean;
    }

    private static double distance(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(sum);
    }

    private static FaceBatch faces(List<TrainingFace> faces) {
        int size = faces.get(0).size();
        int plane = 3 * size * size;
        float[] pixels = new float[faces.size() * plane];
        for (int i = 0; i < faces.size(); i++) {
            System.arraycopy(PlanarImage.rgb(faces.get(i).crop()).values(), 0, pixels, i * plane, plane);
        }
        return new FaceBatch(faces.size(), size, pixels);
    }
}
