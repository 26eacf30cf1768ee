package dev.doppel.pipeline.swap;

import static dev.doppel.pipeline.swap.SameDiffSwapModelTest.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.doppel.pipeline.family.GanRefinement;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.cyclegan.SyntheticFaces;
import dev.doppel.pipeline.swap.UNetPatchDiscriminator.Layer;

/** GAN refinement of the Original on tiny models: the discriminator's shape, its losses, switching on, resume. */
class GanRefinementTest {

    private static final SwapModelOptions SMALL = new SwapModelOptions(64, 0.125, 1e-3, 7);
    private static final double TWO_LN2 = 2 * Math.log(2);

    @Test
    void discriminatorLayoutsAreDeepFaceLabs() {
        assertThat(UNetPatchDiscriminator.layersFor(8)).containsExactly(new Layer(3, 2), new Layer(3, 2));
        assertThat(UNetPatchDiscriminator.layersFor(16)).containsExactly(new Layer(3, 2), new Layer(3, 2), new Layer(3, 2));
        assertThat(UNetPatchDiscriminator.layersFor(28))
                .containsExactly(new Layer(3, 2), new Layer(3, 1), new Layer(3, 2), new Layer(3, 1), new Layer(3, 2));
        assertThat(UNetPatchDiscriminator.layersFor(32)).hasSize(4).allMatch(layer -> layer.stride() == 2);
        assertThat(UNetPatchDiscriminator.receptiveField(UNetPatchDiscriminator.layersFor(16))).isEqualTo(15);
    }

    @Test
    void untrainedHeadsAreCoinTossesAndTheyAddTwoDiscriminators() {
        try (SameDiffSwapModel model = SameDiffSwapModel.create(SMALL)) {
            long before = model.parameterCount();
            model.startRefinement(GanRefinement.defaults(0, 64));
            assertThat(model.parameterCount() - before).as("two discriminators of 16-32-64 channels").isBetween(50_000L, 400_000L);
            StepLosses first = model.trainStep(batch(1), batch(2));
            assertThat(first.more()).containsOnlyKeys(SwapTraining.REFINEMENT_LOSSES);
            // Each head's cross-entropy starts near ln 2: 2 ln 2 for the discriminator, power x 2 ln 2 for the generator.
            assertThat(first.more().get("discriminatorA")).isCloseTo(TWO_LN2, within(0.2));
            assertThat(first.more().get("generatorA")).isCloseTo(0.1 * TWO_LN2, within(0.03));
        }
    }

    @Test
    void discriminatorLearnsToTellAndTheGeneratorIsToldSo() {
        TrainingBatch a = batch(1);
        TrainingBatch b = batch(2);
        // A small power keeps the generator from answering back within the few steps a test can afford.
        try (SameDiffSwapModel model = SameDiffSwapModel.create(new SwapModelOptions(64, 0.125, 3e-4, 7))) {
            model.startRefinement(new GanRefinement(0, 0.01, 8, 16));
            StepLosses first = model.trainStep(a, b);
            StepLosses last = first;
            for (int i = 0; i < 15; i++) {
                last = model.trainStep(a, b);
            }
            for (String side : List.of("A", "B")) {
                assertThat(last.more().get("discriminator" + side)).as("D tells real from fake")
                        .isLessThan(first.more().get("discriminator" + side) - 0.03);
            }
            assertThat(last.more().get("generatorA") + last.more().get("generatorB")).as("and G hears it")
                    .isGreaterThan(first.more().get("generatorA") + first.more().get("generatorB"));
            assertThat(last.lossA()).as("reconstruction still learns").isLessThan(first.lossA());
        }
    }

    @Test
    void switchesOnAtItsIterationWithWarpOffAndStaysOn() {
        List<dev.doppel.pipeline.train.TrainingFace> a = SyntheticFaces.personA(2, 64, 1);
        List<dev.doppel.pipeline.train.TrainingFace> b = SyntheticFaces.personB(2, 64, 2);
        try (SameDiffSwapModel model = SameDiffSwapModel.create(SMALL)) {
            TrainingSession session = new SwapTraining().open(model, Map.of("A", a, "B", b),
                    new TrainingPlan(2, 10, 1, GanRefinement.defaults(2, 64)));
            NamedLosses one = session.step();
            NamedLosses two = session.step();
            NamedLosses three = session.step();
            assertThat(one.values()).containsOnlyKeys(SwapTraining.LOSS_A, SwapTraining.LOSS_B);
            assertThat(two.values()).containsOnlyKeys(SwapTraining.LOSS_A, SwapTraining.LOSS_B);
            assertThat(three.values().keySet()).containsExactly("reconstructionA", "reconstructionB", "generatorA", "generatorB",
                    "discriminatorA", "discriminatorB");
            assertThat(model.refinement()).contains(GanRefinement.defaults(2, 64));
        }
    }

    @Test
    void resumesMidRefinementWithBothOptimisers(@TempDir Path dir) throws IOException {
        TrainingBatch[] a = {batch(1), batch(2), batch(3), batch(4)};
        TrainingBatch[] b = {batch(5), batch(6), batch(7), batch(8)};
        StepLosses[] straight = new StepLosses[4];
        try (SameDiffSwapModel model = SameDiffSwapModel.create(SMALL)) {
            straight[0] = model.trainStep(a[0], b[0]);
            model.startRefinement(GanRefinement.defaults(1, 64));
            straight[1] = model.trainStep(a[1], b[1]);
            model.save(dir);
            straight[2] = model.trainStep(a[2], b[2]);
            straight[3] = model.trainStep(a[3], b[3]);
        }
        try (SameDiffSwapModel model = SameDiffSwapModel.load(dir)) {
            assertThat(model.refinement()).contains(GanRefinement.defaults(1, 64));
            model.trainStep(a[2], b[2]);
            // The fourth step depends on the third's update, so on every restored Adam moment, D's among them.
            StepLosses fourth = model.trainStep(a[3], b[3]);
            assertThat(fourth.lossA()).isCloseTo(straight[3].lossA(), within(1e-5));
            for (String name : SwapTraining.REFINEMENT_LOSSES) {
                assertThat(fourth.more().get(name)).as(name).isCloseTo(straight[3].more().get(name), within(1e-5));
            }
            assertThatThrownBy(() -> model.startRefinement(GanRefinement.defaults(9, 64))).hasMessageContaining("already");
        }
    }
}
