package dev.doppel.worker.motion;

import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.motion.MotionTraining;
import dev.doppel.pipeline.motion.SameDiffMotionModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The motion family on this worker: the first-order motion model on SameDiff, and its training recipe. */
@Configuration(proxyBeanMethods = false)
class MotionModels {

    @Bean
    ModelImplementation fommOnSameDiff() {
        return SameDiffMotionModel.implementation();
    }

    @Bean
    TrainingRecipe motionTraining() {
        return new MotionTraining();
    }
}
