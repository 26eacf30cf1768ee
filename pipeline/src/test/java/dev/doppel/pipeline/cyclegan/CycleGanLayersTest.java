package dev.doppel.pipeline.cyclegan;

import dev.doppel.pipeline.gan.Layers;
import dev.doppel.pipeline.gan.PatchDiscriminator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.doppel.pipeline.family.ModelSettings;

/** The hand-written layers against PyTorch's definitions, values and gradients. */
class CycleGanLayersTest {

    private static final int SIDE = 5;

    @Test
    void reflectionPadMirrorsAboutTheEdgePixelAsReflectionPad2d() {
        SameDiff sd = SameDiff.create();
        INDArray input = ramp(1, 2, SIDE);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 2, SIDE, SIDE);
        new Layers(sd, 1).reflectionPad(x, 3, SIDE).rename("y");

        INDArray out = sd.output(Map.of("x", input), "y").get("y");

        int padded = SIDE + 6;
        assertThat(out.shape()).containsExactly(1, 2, padded, padded);
        for (int c = 0; c < 2; c++) {
            for (int h = 0; h < padded; h++) {
                for (int w = 0; w < padded; w++) {
                    assertThat(out.getFloat(0, c, h, w)).isEqualTo(input.getFloat(0, c, reflected(h - 3), reflected(w - 3)));
                }
            }
        }
    }

    @Test
    void reflectionPadSendsEachMirroredPixelsGradientBackToItsSource() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", ramp(1, 1, SIDE));
        int padded = SIDE + 2;
        INDArray weights = Nd4j.rand(DataType.FLOAT, 1, 1, padded, padded);
        sd.sum(new Layers(sd, 1).reflectionPad(x, 1, SIDE).mul(sd.constant(weights))).markAsLoss();

        INDArray gradient = sd.calculateGradients(Map.of(), List.of("x")).get("x");

        double[][] expected = new double[SIDE][SIDE];
        for (int h = 0; h < padded; h++) {
            for (int w = 0; w < padded; w++) {
                expected[reflected(h - 1)][reflected(w - 1)] += weights.getDouble(0, 0, h, w);
            }
        }
        for (int h = 0; h < SIDE; h++) {
            for (int w = 0; w < SIDE; w++) {
                assertThat(gradient.getDouble(0, 0, h, w)).isCloseTo(expected[h][w], within(1e-5));
            }
        }
    }

    @Test
    void instanceNormGivesEachImagesChannelZeroMeanAndUnitVariance() {
        SameDiff sd = SameDiff.create();
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8).mul(5).add(3);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 8, 8);
        new Layers(sd, 1).instanceNorm(x).rename("y");

        INDArray out = sd.output(Map.of("x", input), "y").get("y");

        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                INDArray plane = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
                assertThat(plane.meanNumber().doubleValue()).isCloseTo(0, within(1e-5));
                // Biased variance, as InstanceNorm2d; epsilon 1e-5 against a variance of ~2 shifts it by ~5e-6.
                assertThat(plane.varNumber().doubleValue() * 63 / 64).isCloseTo(1, within(1e-4));
            }
        }
    }

    @Test
    void networksHaveTheReferenceShapesAndParameterCounts() {
        // ngf = ndf = 64: the reference's 11,378,179 per 9-block generator and 2,764,737 per
        // PatchGAN, minus three residual blocks (1,180,160 each) for 6 blocks at 64 px.
        CycleGanOptions full = CycleGanOptions.of(new ModelSettings(64, 1.0, 2e-4, 1));
        assertThat(full.residualBlocks()).isEqualTo(6);
        try (SameDiffCycleGanModel model = SameDiffCycleGanModel.create(full)) {
            long generator = 11_378_179L - 3 * 1_180_160L;
            assertThat(model.parameterCount()).isEqualTo(2 * (generator + 2_764_737L));
        }
        assertThat(CycleGanOptions.of(new ModelSettings(256, 1.0, 2e-4, 1)).residualBlocks()).isEqualTo(9);
    }

    @Test
    void patchGanScoresA6x6GridOfPatchesAt64Px() {
        SameDiff sd = SameDiff.create();
        CycleGanOptions options = new CycleGanOptions(new ModelSettings(64, 0.0625, 2e-4, 1), 1, 0);
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 64, 64);
        new PatchDiscriminator(new Layers(sd, 1), options.discriminatorWidth(), 3).apply("D", x, false).rename("y");

        INDArray out = sd.output(Map.of("x", Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64)), "y").get("y");

        assertThat(out.shape()).containsExactly(2, 1, 6, 6);
    }

    private static int reflected(int i) {
        return i < 0 ? -i : i >= SIDE ? 2 * (SIDE - 1) - i : i;
    }

    private static INDArray ramp(int n, int c, int side) {
        return Nd4j.arange(n * c * side * side).castTo(DataType.FLOAT).reshape('c', n, c, side, side);
    }
}
