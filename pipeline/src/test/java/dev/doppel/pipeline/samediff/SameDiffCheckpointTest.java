package dev.doppel.pipeline.samediff;

import static org.assertj.core.api.Assertions.assertThat;

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
    void resumesWithTheOptimisersMomentsFromItsOwnFile(@TempDir Path dir) throws IOException {
        SameDiff straight = graph();
        straight.fit(BATCH);
        straight.fit(BATCH);
        SameDiffCheckpoint.save(straight, dir.resolve("model.sd"), dir.resolve("optimiser.bin"));
        straight.fit(BATCH);

        assertThat(Files.size(dir.resolve("optimiser.bin"))).isGreaterThan(2 * 3 * Float.BYTES);
        SameDiff resumed = SameDiffCheckpoint.load(dir.resolve("model.sd"), dir.resolve("optimiser.bin"));
        resumed.fit(BATCH);
        // Adam's third step moves w by m / sqrt(v) of all three gradients: fresh moments would move it otherwise.
        assertThat(resumed.getVariable("w").getArr().toFloatVector()).containsExactly(straight.getVariable("w").getArr().toFloatVector());
        assertThat(resumed.getTrainingConfig().getIterationCount()).isEqualTo(3);
    }

    @Test
    void aGraphFileThatHoldsItsOptimiserLoadsAsItIs(@TempDir Path dir) throws IOException {
        SameDiff straight = graph();
        straight.fit(BATCH);
        straight.save(dir.resolve("model.sd").toFile(), true);
        straight.fit(BATCH);

        SameDiff resumed = SameDiffCheckpoint.load(dir.resolve("model.sd"), dir.resolve("optimiser.bin"));
        resumed.fit(BATCH);
        assertThat(resumed.getVariable("w").getArr().toFloatVector()).containsExactly(straight.getVariable("w").getArr().toFloatVector());
    }

    /** Least squares of x·w against a fixed target, under Adam. */
    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.createFromArray(0.5f, -0.25f, 0.125f).reshape(3, 1));
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
