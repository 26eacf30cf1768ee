package dev.doppel.pipeline.reenact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.GanRefinement;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.train.TrainingFace;

class Pix2PixTrainingTest {

    private static final int SIZE = 64;

    @Test
    void aTinyModelDrawsHeldOutFacesFromTheirSketchesFarBetterThanTheMeanFace() {
        List<TrainingFace> faces = SyntheticSketchFaces.of(40, SIZE, 7);
        List<TrainingFace> heldOut = Pix2PixTraining.heldOut(faces);
        List<TrainingFace> training = Pix2PixTraining.training(faces);
        assertThat(heldOut).hasSize(4);
        assertThat(training).hasSize(36).doesNotContainAnyElementsOf(heldOut);
        SketchSampler.Pairs truth = SketchSampler.of(heldOut, SIZE);
        double baseline = l1(meanFace(SketchSampler.of(training, SIZE).faces(), heldOut.size()), truth.faces());

        try (SameDiffPix2PixModel model = SameDiffPix2PixModel.create(Pix2PixOptions.PIX2PIX, new ModelSettings(SIZE, 0.125, 1e-3, 5))) {
            TrainingSession session = new Pix2PixTraining().open(model, Map.of(Pix2PixTraining.ROLE, faces), new TrainingPlan(4, 1000, 1));
            long started = System.nanoTime();
            NamedLosses first = session.step();
            NamedLosses last = first;
            for (int i = 1; i < STEPS; i++) {
                last = session.step();
            }
            System.out.printf("pix2pix %d steps in %.1f s; l1 %.3f -> %.3f%n", STEPS, (System.nanoTime() - started) / 1e9,
                    first.values().get("l1"), last.values().get("l1"));
            assertThat(first.values()).containsOnlyKeys("adversarial", "l1", "discriminator");
            double drawn = l1(model.draw(truth.sketches()), truth.faces());
            System.out.printf("held-out L1 %.4f against the mean face's %.4f%n", drawn, baseline);
            assertThat(drawn).as("held-out L1 against the mean face's %s", baseline).isLessThan(0.6 * baseline);

            BufferedImage preview = session.preview();
            assertThat(preview.getWidth()).isEqualTo(3 * SIZE);
            assertThat(preview.getHeight()).isEqualTo(4 * SIZE);
        }
    }

    private static final int STEPS = 150;

    @Test
    void pix2pixHdJudgesAtTwoScalesWithFeatureMatchingAndAPerceptualLoss() {
        try (SameDiffPix2PixModel model = SameDiffPix2PixModel.create(Pix2PixOptions.PIX2PIX_HD, new ModelSettings(SIZE, 0.0625, 1e-3, 5))) {
            assertThat(model.options().discriminatorScales()).isEqualTo(2);
            SketchSampler.Pairs pairs = SketchSampler.of(SyntheticSketchFaces.of(2, SIZE, 3), SIZE);
            NamedLosses losses = model.trainStep(pairs.sketches(), pairs.faces(), pairs.weights());
            assertThat(losses.values()).containsOnlyKeys("adversarial", "featureMatching", "perceptual", "l1", "discriminator");
            assertThat(losses.values().get("featureMatching")).isPositive();
            assertThat(losses.values().get("perceptual")).isPositive();
            NamedLosses later = losses;
            for (int i = 0; i < 8; i++) {
                later = model.trainStep(pairs.sketches(), pairs.faces(), pairs.weights());
            }
            assertThat(later.values().get("perceptual")).as("the generator learns from it").isLessThan(losses.values().get("perceptual"));
            assertThat(losses.iteration()).isEqualTo(1);
        }
        assertThat(Pix2PixOptions.of(Pix2PixOptions.PIX2PIX_HD, new ModelSettings(256, 1, 2e-4, 1)).discriminatorScales()).isEqualTo(3);
    }

    @Test
    void pix2pixHdsCoarseToFineGeneratorRefinesAHalfSizeUNet() {
        // As pix2pixHD builds it from 256 px, tried at 64 px to stay small.
        Pix2PixOptions options = new Pix2PixOptions(new ModelSettings(SIZE, 0.0625, 1e-3, 5), 1, 0, 0, 100, false, true);
        Pix2PixGraph.Built built = Pix2PixGraph.build(options);
        assertThat(built.sd().hasVariable(LocalEnhancer.NAME + "/res2/conv2/W")).isTrue();
        assertThat(built.sd().getVariable(UNetGenerator.NAME + "/global/down0/W").getArr().shape()).as("the global U-Net's first conv")
                .containsExactly(4, 4, 3, 4);
        try (SameDiffPix2PixModel model = SameDiffPix2PixModel.create(options)) {
            SketchSampler.Pairs pairs = SketchSampler.of(SyntheticSketchFaces.of(2, SIZE, 3), SIZE);
            NamedLosses first = model.trainStep(pairs.sketches(), pairs.faces(), pairs.weights());
            NamedLosses later = first;
            for (int i = 0; i < 8; i++) {
                later = model.trainStep(pairs.sketches(), pairs.faces(), pairs.weights());
            }
            assertThat(later.values().get("l1")).isLessThan(first.values().get("l1"));
            float[] drawn = model.draw(pairs.sketches()).pixels();
            assertThat(drawn).hasSize(2 * 3 * SIZE * SIZE);
            for (float p : drawn) {
                assertThat(p).isBetween(0f, 1f);
            }
        }
        assertThat(Pix2PixOptions.of(Pix2PixOptions.PIX2PIX_HD, new ModelSettings(256, 1, 2e-4, 1)).coarseToFine()).isTrue();
        assertThat(Pix2PixOptions.of(Pix2PixOptions.PIX2PIX_HD, new ModelSettings(128, 1, 2e-4, 1)).coarseToFine()).isFalse();
    }

    @Test
    void refusesWhatItCannotDo() {
        try (SameDiffPix2PixModel model = SameDiffPix2PixModel.create(Pix2PixOptions.PIX2PIX, new ModelSettings(32, 0.0625, 2e-4, 5))) {
            Map<String, List<TrainingFace>> faces = Map.of(Pix2PixTraining.ROLE, SyntheticSketchFaces.of(2, 32, 3));
            assertThatThrownBy(() -> new Pix2PixTraining().open(model, faces, new TrainingPlan(2, 10, 1, new GanRefinement(1, 0.1, 4, 4))))
                    .hasMessageContaining("no GAN refinement");
            assertThatThrownBy(() -> new Pix2PixTraining().open(model, Map.of("A", faces.get(Pix2PixTraining.ROLE)), new TrainingPlan(2, 10, 1)))
                    .hasMessageContaining("role Target");
        }
        assertThatThrownBy(() -> Pix2PixOptions.of(Pix2PixOptions.PIX2PIX, new ModelSettings(96, 1, 2e-4, 1)))
                .hasMessageContaining("power of two");
    }

    private static FaceBatch meanFace(FaceBatch faces, int copies) {
        int plane = 3 * faces.size() * faces.size();
        float[] mean = new float[plane];
        for (int n = 0; n < faces.count(); n++) {
            for (int i = 0; i < plane; i++) {
                mean[i] += faces.pixels()[n * plane + i] / faces.count();
            }
        }
        float[] out = new float[copies * plane];
        for (int n = 0; n < copies; n++) {
            System.arraycopy(mean, 0, out, n * plane, plane);
        }
        return new FaceBatch(copies, faces.size(), out);
    }

    private static double l1(FaceBatch a, FaceBatch b) {
        double sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs(a.pixels()[i] - b.pixels()[i]);
        }
        return sum / a.pixels().length;
    }
}
