package dev.doppel.pipeline.cyclegan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.ModelSettings;

class CycleGanModelTest {

    /** 64 px, ngf = ndf = 8, two residual blocks, a pool of 3 so that a few steps fill it. */
    static final CycleGanOptions TINY = new CycleGanOptions(new ModelSettings(64, 0.125, 2e-4, 7), 2, 3);

    @Test
    void translatesToFacesOfTheSameSizeInTheUnitRange() {
        try (SameDiffCycleGanModel model = SameDiffCycleGanModel.create(TINY)) {
            FaceBatch faces = random(3, 1);
            FaceBatch asB = model.translate(faces, "B");
            FaceBatch asA = model.translate(faces, "A");

            for (FaceBatch made : List.of(asB, asA)) {
                assertThat(made.count()).isEqualTo(3);
                assertThat(made.size()).isEqualTo(64);
                for (float v : made.pixels()) {
                    assertThat(v).isBetween(0f, 1f);
                }
                assertThat(meanAbsoluteDifference(made, faces)).isGreaterThan(0.05);
            }
            assertThat(meanAbsoluteDifference(asB, asA)).as("two generators, two sets of weights").isGreaterThan(0);
            assertThatThrownBy(() -> model.translate(faces, "C")).hasMessageContaining("role A or B");
        }
    }

    @Test
    void aStepChangesWhatTheGeneratorsDraw() {
        try (SameDiffCycleGanModel model = SameDiffCycleGanModel.create(TINY)) {
            FaceBatch probe = random(1, 9);
            FaceBatch before = model.translate(probe, "B");
            model.trainStep(random(2, 1), random(2, 2));
            assertThat(meanAbsoluteDifference(model.translate(probe, "B"), before)).isGreaterThan(1e-5);
            assertThat(model.iteration()).isEqualTo(1);
        }
    }

    @Test
    void theDiscriminatorsGradientsAreThoseOfTheirLossAlone() {
        // Were the generators' adversarial loss to reach the discriminators' weights (no stop-gradient),
        // the discriminators' gradients would change with the generators: they must not.
        SameDiff sd = CycleGanGraph.build(TINY);
        List<String> discriminators = CycleGanGraph.variablesOf(sd, CycleGanGraph.D_A, CycleGanGraph.D_B);
        Map<String, INDArray> inputs = Map.of(
                CycleGanGraph.FACES_A, array(random(2, 1)), CycleGanGraph.FACES_B, array(random(2, 2)),
                CycleGanGraph.POOLED_FAKE_A, array(random(2, 3)).mul(2).sub(1), CycleGanGraph.POOLED_FAKE_B, array(random(2, 4)).mul(2).sub(1));
        Map<String, INDArray> before = copies(sd.calculateGradients(inputs, discriminators));
        for (String g : CycleGanGraph.variablesOf(sd, CycleGanGraph.G_AB, CycleGanGraph.G_BA)) {
            sd.getArrForVarName(g).muli(3);
        }
        Map<String, INDArray> after = sd.calculateGradients(inputs, discriminators);
        for (String d : discriminators) {
            assertThat(after.get(d).equalsWithEps(before.get(d), 1e-6)).as(d).isTrue();
        }
        assertThat(discriminators).hasSize(20).allMatch(name -> name.startsWith("D_"));
    }

    @Test
    void resumesExactlyWithWeightsOptimisersPoolsAndIteration(@TempDir Path dir) throws IOException {
        FaceBatch[] a = {random(2, 11), random(2, 12), random(2, 13), random(2, 14)};
        FaceBatch[] b = {random(2, 21), random(2, 22), random(2, 23), random(2, 24)};
        FaceBatch probe = random(1, 30);
        CycleGanLosses[] straight = new CycleGanLosses[4];
        FaceBatch savedTranslation;
        try (SameDiffCycleGanModel model = SameDiffCycleGanModel.create(TINY)) {
            straight[0] = model.trainStep(a[0], b[0]);
            straight[1] = model.trainStep(a[1], b[1]);
            model.save(dir);
            savedTranslation = model.translate(probe, "A");
            straight[2] = model.trainStep(a[2], b[2]);
            straight[3] = model.trainStep(a[3], b[3]);
        }
        ModelImplementation implementation = SameDiffCycleGanModel.implementation();
        try (SameDiffCycleGanModel model = (SameDiffCycleGanModel) implementation.load(dir)) {
            assertThat(model.iteration()).isEqualTo(2);
            assertThat(model.options()).isEqualTo(TINY);
            assertThat(model.translate(probe, "A").pixels()).containsExactly(savedTranslation.pixels(), within(1e-6f));
            // Step 3's discriminator losses see the restored pools (full by now: 4 fakes offered to 3
            // slots); step 4's losses depend on step 3's Adam updates, so on the restored moments.
            assertSame(model.trainStep(a[2], b[2]), straight[2]);
            assertSame(model.trainStep(a[3], b[3]), straight[3]);
            assertThat(model.iteration()).isEqualTo(4);
        }
    }

    @Test
    void registersAsCycleGanOnSameDiff() {
        ModelImplementation implementation = SameDiffCycleGanModel.implementation();
        assertThat(implementation.key()).isEqualTo("cyclegan/samediff");
        assertThat(implementation.formatVersion()).isEqualTo(1);
        try (var model = implementation.create(new ModelSettings(64, 0.0625, 2e-4, 1))) {
            assertThat(model).isInstanceOf(CycleGanModel.class);
            assertThat(((SameDiffCycleGanModel) model).options().poolSize()).isEqualTo(50);
            assertThat(model.resolution()).isEqualTo(64);
        }
    }

    private static void assertSame(CycleGanLosses resumed, CycleGanLosses straight) {
        assertThat(resumed.iteration()).isEqualTo(straight.iteration());
        resumed.named().values().forEach((name, value) ->
                assertThat(value).as(name).isCloseTo(straight.named().values().get(name), within(1e-5)));
    }

    static FaceBatch random(int count, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * 3 * 64 * 64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return new FaceBatch(count, 64, pixels);
    }

    private static INDArray array(FaceBatch batch) {
        return Nd4j.create(batch.pixels(), new long[] {batch.count(), 3, batch.size(), batch.size()}, 'c');
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> out = new java.util.HashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    static double meanAbsoluteDifference(FaceBatch x, FaceBatch y) {
        double sum = 0;
        for (int i = 0; i < x.pixels().length; i++) {
            sum += Math.abs(x.pixels()[i] - y.pixels()[i]);
        }
        return sum / x.pixels().length;
    }
}
