package dev.doppel.pipeline.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SwapModelsTest {

    @Test
    void findsTheSameDiffOriginalByName() {
        try (SwapModel model = SwapModels.create("original", new SwapModelOptions(64, 0.125, 5e-5, 1))) {
            assertThat(model).isInstanceOf(SameDiffSwapModel.class);
            assertThat(model.name()).isEqualTo("original");
            assertThat(model.resolution()).isEqualTo(64);
        }
    }

    @Test
    void namesTheKnownModelsForAnUnknownOne() {
        assertThatThrownBy(() -> SwapModels.create("nope", SwapModelOptions.original64()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("original");
    }
}
