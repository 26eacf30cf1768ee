package dev.doppel.worker.models;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.torch.TorchSwapModel;
import dev.doppel.worker.WorkerProperties;
import dev.doppel.worker.runtime.JobFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class WorkerModelsTest {

    static final ModelArchitecture ORIGINAL = new ModelArchitecture("original", SwapTraining.FAMILY, "Original", List.of("A", "B"),
            List.of(SwapTraining.LOSS_A, SwapTraining.LOSS_B), List.of("samediff", "pytorch"), List.of(64, 128), 5e-5);

    /** A worker of the default engine, for tests of what sits around the models. */
    public static WorkerModels sameDiffOnly() {
        return new WorkerModels(List.of(SameDiffSwapModel.implementation(), TorchSwapModel.implementation()), List.of(new SwapTraining()),
                new ModelArchitectures(List.of(ORIGINAL)), worker(Set.of("samediff")));
    }

    @Test
    void runsOnlyTheEnginesItIsTold() {
        WorkerModels models = sameDiffOnly();
        assertThat(models.registry().keys()).containsExactly("original/samediff");
        assertThatThrownBy(() -> models.implementation("original", "pytorch")).isInstanceOf(JobFailure.class)
                .hasMessageContaining("cannot run architecture 'original' on engine 'pytorch'; it runs [original/samediff]");
        assertThatThrownBy(() -> models.architecture("cyclegan")).isInstanceOf(JobFailure.class)
                .hasMessageContaining("'cyclegan' is not known");
    }

    @Test
    void refusesToStartWithAnEngineItCannotServe() {
        assertThatThrownBy(() -> new WorkerModels(List.of(SameDiffSwapModel.implementation()), List.of(new SwapTraining()),
                new ModelArchitectures(List.of(ORIGINAL)), worker(Set.of("samediff", "pytorch"))))
                .hasMessageContaining("engine 'pytorch' has no implementation")
                .hasMessageContaining("architecture 'original' on engine 'pytorch' has no implementation");
        assertThatThrownBy(() -> new WorkerModels(List.of(SameDiffSwapModel.implementation()), List.of(),
                new ModelArchitectures(List.of(ORIGINAL)), worker(Set.of("samediff"))))
                .hasMessageContaining("family 'deepfakes' has no training recipe");
    }

    static WorkerProperties worker(Set<String> engines) {
        return new WorkerProperties("test", null, engines, null, null, Duration.ofSeconds(1));
    }
}
