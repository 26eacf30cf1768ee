package dev.doppel.worker.deepfakes;

import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.saehd.SameDiffSaehdModel;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.torch.TorchSwapModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The DeepFakes family on this worker: faceswap's Original on SameDiff, and on PyTorch where the
 * torch module is on the classpath, DeepFaceLab's SAEHD on SameDiff, and the family's training recipe.
 */
@Configuration(proxyBeanMethods = false)
class DeepFakesModels {

    @Bean
    ModelImplementation originalOnSameDiff() {
        return SameDiffSwapModel.implementation();
    }

    @Bean
    ModelImplementation saehdOnSameDiff() {
        return SameDiffSaehdModel.implementation();
    }

    @Bean
    TrainingRecipe deepFakesTraining() {
        return new SwapTraining();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.doppel.torch.TorchSwapModel")
    static class OnPyTorch {

        @Bean
        ModelImplementation originalOnPyTorch() {
            return TorchSwapModel.implementation();
        }
    }
}
