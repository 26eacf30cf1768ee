package dev.doppel.worker.health;

import java.util.List;

import dev.doppel.worker.models.WorkerModelsTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class ComputeBackendHealthIndicatorTest {

    @Test
    void ffmpegNativesLoadOnThisPlatform() {
        Health health = new ComputeBackendHealthIndicator(List.of(new FfmpegBackend()), WorkerModelsTest.sameDiffOnly()).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("ffmpeg").toString()).isNotBlank().doesNotStartWith("not loaded");
        assertThat(health.getDetails().get("engines").toString()).isEqualTo("[samediff]");
        assertThat(health.getDetails().get("models").toString()).isEqualTo("[original/samediff]");
    }

    @Test
    void oneBackendThatCannotLoadMakesTheWorkerNotReady() {
        ComputeBackend missing = new ComputeBackend() {
            @Override
            public String name() {
                return "nd4j";
            }

            @Override
            public String load() {
                throw new UnsatisfiedLinkError("no jnind4jcuda in java.library.path");
            }
        };
        Health health = new ComputeBackendHealthIndicator(List.of(new FfmpegBackend(), missing), WorkerModelsTest.sameDiffOnly()).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("nd4j").toString()).contains("no jnind4jcuda");
    }
}
