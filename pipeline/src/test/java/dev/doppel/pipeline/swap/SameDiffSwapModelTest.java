package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.family.FaceBatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SameDiffSwapModelTest {

    /**
     * A learning rate 20x faceswap's, so that one Adam step from fresh moments moves the next loss
     * by ~3e-4, well outside the tolerance: at 5e-5 a lost optimiser state would go unnoticed.
     */
    private static final SwapModelOptions SMALL = new SwapModelOptions(64, 0.125, 1e-3, 7);

    @Test
    void originalAtFullWidthHasFaceswapsParameterCount() {
        try (SameDiffSwapModel model = SameDiffSwapModel.create(SwapModelOptions.original64())) {
            assertThat(model.parameterCount() / 1e6).isCloseTo(82.06, within(0.005));
        }
    }

    @Test
    void pixelShuffleUsesPyTorchsChannelOrder() {
        SameDiff sd = SameDiff.create();
        int c = 2;
        int side = 3;
        float[] values = new float[4 * c * side * side];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        INDArray input = Nd4j.create(values, new long[] {1, 4 * c, side, side}, 'c');
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4 * c, side, side);
        new OriginalNetwork(sd, SMALL).pixelShuffle(x, c, side).rename("y");

        INDArray out = sd.output(Map.of("x", input), "y").get("y");

        assertThat(out.shape()).containsExactly(1, c, 2 * side, 2 * side);
        for (int ch = 0; ch < c; ch++) {
            for (int h = 0; h < side; h++) {
                for (int w = 0; w < side; w++) {
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            assertThat(out.getFloat(0, ch, 2 * h + i, 2 * w + j))
                                    .isEqualTo(input.getFloat(0, ch * 4 + i * 2 + j, h, w));
                        }
                    }
                }
            }
        }
    }

    @Test
    void resumesFromASaveWithItsOptimiserState(@TempDir Path dir) throws IOException {
        TrainingBatch[] a = {batch(1), batch(2), batch(3), batch(4)};
        TrainingBatch[] b = {batch(5), batch(6), batch(7), batch(8)};
        FaceBatch probe = batch(9).target();
        StepLosses[] straight = new StepLosses[4];
        FaceBatch savedDecode;
        try (SameDiffSwapModel model = SameDiffSwapModel.create(SMALL)) {
            straight[0] = model.trainStep(a[0], b[0]);
            straight[1] = model.trainStep(a[1], b[1]);
            model.save(dir);
            savedDecode = model.decode(probe, Identity.B);
            straight[2] = model.trainStep(a[2], b[2]);
            straight[3] = model.trainStep(a[3], b[3]);
        }
        try (SameDiffSwapModel model = SameDiffSwapModel.load(dir)) {
            assertThat(model.iteration()).isEqualTo(2);
            assertThat(model.options()).isEqualTo(SMALL);
            assertThat(model.decode(probe, Identity.B).pixels()).containsExactly(savedDecode.pixels(), within(1e-6f));
            StepLosses third = model.trainStep(a[2], b[2]);
            // The fourth step's loss depends on the third's Adam update, so on the restored moments.
            StepLosses fourth = model.trainStep(a[3], b[3]);
            assertThat(third.lossA()).isCloseTo(straight[2].lossA(), within(1e-5));
            assertThat(fourth.lossA()).isCloseTo(straight[3].lossA(), within(1e-5));
            assertThat(fourth.lossB()).isCloseTo(straight[3].lossB(), within(1e-5));
            assertThat(fourth.iteration()).isEqualTo(4);
        }
    }

    @Test
    void aFormatOneCheckpointWithSameDiffsGraphFileStillLoads(@TempDir Path dir) throws Exception {
        TrainingBatch a = batch(1);
        TrainingBatch b = batch(5);
        FaceBatch probe = batch(9).target();
        StepLosses next;
        FaceBatch savedDecode;
        try (SameDiffSwapModel model = SameDiffSwapModel.create(SMALL)) {
            model.trainStep(a, b);
            model.save(dir);
            // As format 1 wrote it: SameDiff's own graph file in place of the raw weights.
            Files.delete(dir.resolve(SameDiffSwapModel.WEIGHTS_FILE));
            Field graph = SameDiffSwapModel.class.getDeclaredField("sd");
            graph.setAccessible(true);
            ((SameDiff) graph.get(model)).save(dir.resolve(SameDiffSwapModel.GRAPH_FILE).toFile(), false);
            savedDecode = model.decode(probe, Identity.A);
            next = model.trainStep(a, b);
        }
        try (SameDiffSwapModel model = SameDiffSwapModel.load(dir)) {
            assertThat(model.iteration()).isEqualTo(1);
            assertThat(model.decode(probe, Identity.A).pixels()).containsExactly(savedDecode.pixels(), within(1e-6f));
            assertThat(model.trainStep(a, b).lossA()).isCloseTo(next.lossA(), within(1e-5));
        }
    }

    @Test
    void startsFromABaseOriginalsEncoderAndDecoders() {
        FaceBatch probe = batch(9).target();
        try (SameDiffSwapModel base = SameDiffSwapModel.create(SMALL);
             SameDiffSwapModel tuned = SameDiffSwapModel.create(new SwapModelOptions(64, 0.125, 5e-5, 8));
             SameDiffSwapModel wider = SameDiffSwapModel.create(new SwapModelOptions(64, 0.25, 1e-3, 7))) {
            base.trainStep(batch(1), batch(2));
            base.trainStep(batch(3), batch(4));
            assertThat(tuned.startFrom(base)).containsExactly("encoder", "decoderA", "decoderB");
            assertThat(tuned.iteration()).isZero();
            for (Identity side : Identity.values()) {
                assertThat(tuned.decode(probe, side).pixels()).containsExactly(base.decode(probe, side).pixels());
            }
            assertThatThrownBy(() -> wider.startFrom(base)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("widthScale 0.125 instead of 0.25");
        }
    }

    static TrainingBatch batch(long seed) {
        int n = 4;
        int r = SMALL.resolution();
        Random random = new Random(seed);
        float[] warped = new float[n * 3 * r * r];
        float[] target = new float[warped.length];
        float[] weights = new float[n * r * r];
        for (int i = 0; i < warped.length; i++) {
            target[i] = random.nextFloat();
            warped[i] = Math.min(1, target[i] + 0.1f * random.nextFloat());
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt(4);
        }
        return new TrainingBatch(new FaceBatch(n, r, warped), new FaceBatch(n, r, target), weights);
    }
}
