package dev.doppel.pipeline.samediff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class SameDiffCheckpointTest {

    private static final MultiDataSet BATCH = new MultiDataSet(new INDArray[] {
            Nd4j.linspace(DataType.FLOAT, 1, 12, 1).reshape(4, 3)}, new INDArray[0]);

    @Test
    void aGraphBuiltAgainResumesWithTheSavedWeightsMomentsAndStepCount(@TempDir Path dir) throws IOException {
        SameDiff straight = graph(0.5f, -0.25f, 0.125f);
        straight.fit(BATCH);
        straight.fit(BATCH);
        SameDiffCheckpoint.save(straight, dir.resolve("weights.bin"), dir.resolve("optimiser.bin"));
        straight.fit(BATCH);

        assertThat(Files.size(dir.resolve("optimiser.bin"))).isGreaterThan(2 * 3 * Float.BYTES);
        SameDiff resumed = graph(9f, 9f, 9f);
        SameDiffCheckpoint.restore(resumed, dir.resolve("weights.bin"), dir.resolve("optimiser.bin"));
        assertThat(resumed.getTrainingConfig().getIterationCount()).isEqualTo(2);
        resumed.fit(BATCH);
        // Adam's third step moves w by m / sqrt(v) of all three gradients, bias-corrected for step 3:
        // other weights, fresh moments or a fresh count would move it elsewhere.
        assertThat(resumed.getVariable("w").getArr().toFloatVector()).containsExactly(straight.getVariable("w").getArr().toFloatVector());
        assertThat(resumed.getTrainingConfig().getIterationCount()).isEqualTo(3);
    }

    @Test
    void weightsOfAnotherShapeOrNameAreRefusedWithWhatDiffers(@TempDir Path dir) throws IOException {
        SameDiffCheckpoint.save(graph(0.5f, -0.25f, 0.125f), dir.resolve("weights.bin"), dir.resolve("optimiser.bin"));

        assertThatThrownBy(() -> SameDiffCheckpoint.restore(graph(1f, 2f, 3f, 4f), dir.resolve("weights.bin"), dir.resolve("optimiser.bin")))
                .isInstanceOf(IOException.class).hasMessage("weight w is [3, 1] in the checkpoint, [4, 1] in the network");
        SameDiff renamed = SameDiff.create();
        renamed.var("v", Nd4j.zeros(DataType.FLOAT, 3, 1));
        assertThatThrownBy(() -> SameDiffCheckpoint.restore(renamed, dir.resolve("weights.bin"), dir.resolve("optimiser.bin")))
                .isInstanceOf(IOException.class).hasMessage("the checkpoint holds a weight this network lacks: w");
    }

    @Test
    void aGraphFileWithItsOptimiserBesideItLoads(@TempDir Path dir) throws IOException {
        SameDiff straight = graph(0.5f, -0.25f, 0.125f);
        straight.fit(BATCH);
        straight.fit(BATCH);
        // As format 1 wrote it: SameDiff's graph file without its updater state, the state raw beside it.
        straight.save(dir.resolve("model.sd").toFile(), false);
        SameDiffCheckpoint.save(straight, dir.resolve("weights.bin"), dir.resolve("optimiser.bin"));
        straight.fit(BATCH);

        SameDiff resumed = SameDiffCheckpoint.loadGraph(dir.resolve("model.sd"), dir.resolve("optimiser.bin"));
        resumed.fit(BATCH);
        assertThat(resumed.getVariable("w").getArr().toFloatVector()).containsExactly(straight.getVariable("w").getArr().toFloatVector());
        assertThat(resumed.getTrainingConfig().getIterationCount()).isEqualTo(3);
    }

    @Test
    void aGraphFileThatHoldsItsOptimiserLoadsAsItIs(@TempDir Path dir) throws IOException {
        SameDiff straight = graph(0.5f, -0.25f, 0.125f);
        straight.fit(BATCH);
        straight.save(dir.resolve("model.sd").toFile(), true);
        straight.fit(BATCH);

        SameDiff resumed = SameDiffCheckpoint.loadGraph(dir.resolve("model.sd"), dir.resolve("optimiser.bin"));
        resumed.fit(BATCH);
        assertThat(resumed.getVariable("w").getArr().toFloatVector()).containsExactly(straight.getVariable("w").getArr().toFloatVector());
    }

    /** Least squares of x·w (the first three weights take x's columns; a fourth makes another shape) against a fixed target, under Adam. */
    private static SameDiff graph(float... initial) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, initial.length);
        SDVariable w = sd.var("w", Nd4j.createFromArray(initial).reshape(initial.length, 1));
        SDVariable error = x.mmul(w).sub(1.0);
        sd.sum("loss", error.mul(error));
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(0.1))
                .dataSetFeatureMapping("x")
                .markLabelsUnused()
                .minimize("loss")
                .build());
        return sd;
    }
}
