package dev.doppel.worker.cyclegan;

import dev.doppel.pipeline.cyclegan.CycleGanTraining;
import dev.doppel.pipeline.cyclegan.SameDiffCycleGanModel;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.TrainingRecipe;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CycleGAN family on this worker: its SameDiff implementation and its training recipe. */
@Configuration(proxyBeanMethods = false)
class CycleGanModels {

    @Bean
    ModelImplementation cycleGanOnSameDiff() {
        return SameDiffCycleGanModel.implementation();
    }

    @Bean
    TrainingRecipe cycleGanTraining() {
        return new CycleGanTraining();
    }
}
